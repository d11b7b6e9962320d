package io.payonce.bench.scenarios;

import java.util.List;
import java.util.Optional;

import io.payonce.bench.load.Reply;
import io.payonce.bench.load.Session;

/**
 * Each logical purchase is sent K times at once with one Idempotency-Key: the order, then its
 * payment. Exactly one order and one payment may result per key, every final answer must be the
 * same bytes, and the buyer must be charged once.
 */
final class DuplicateStorm implements Scenario {

    private final ScenarioContext context;
    private final Shop shop;
    private String sku;

    DuplicateStorm(ScenarioContext context) {
        this.context = context;
        this.shop = new Shop(context);
    }

    @Override
    public String name() {
        return "duplicate-storm";
    }

    @Override
    public void prepare() {
        sku = shop.createCardKeyProduct("dup", context.options().stockHint());
    }

    @Override
    public void iterate(Session session) throws InterruptedException {
        int copies = context.options().dupFactor();
        String key = "d-" + context.runId() + "-" + session.sequence();
        List<Reply> orders = Storm.sendThenRetry(context.http(), session, shop.orderCall(sku, 1, "buyer-" + session.sequence(), key), copies);
        Storm.checkReplays(context.journal(), key, orders);
        Optional<String> orderId = orders.stream().map(shop::acknowledgedOrder).flatMap(Optional::stream).findFirst();
        if (orderId.isEmpty()) {
            return;
        }
        List<Reply> payments = Storm.sendThenRetry(context.http(), session, shop.payCall(orderId.get(), key + "-p"), copies);
        Storm.checkReplays(context.journal(), key + "-p", payments);
        payments.stream().map(shop::acknowledgedPayment).flatMap(Optional::stream).findFirst()
                .ifPresent(payment -> shop.payAtGateway(session, payment.paymentId()));
    }
}
