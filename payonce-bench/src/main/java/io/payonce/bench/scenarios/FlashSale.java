package io.payonce.bench.scenarios;

import java.util.Optional;

import io.payonce.bench.load.Session;

/**
 * Many buyers, little stock: every buyer tries to order one key; most hear 409 sold_out. One in
 * ten winners changes their mind and cancels, returning the key to stock for a later buyer; the
 * rest pay. Nothing may be sold twice and no key may vanish.
 */
final class FlashSale implements Scenario {

    private static final int CANCEL_ONE_IN = 10;

    private final ScenarioContext context;
    private final Shop shop;
    private final Hoarders hoarders;
    private Hoarders.Report hoarding;
    private String sku;

    FlashSale(ScenarioContext context) {
        this.context = context;
        this.shop = new Shop(context);
        this.hoarders = new Hoarders(context, shop, context.options().hoarders());
    }

    @Override
    public String name() {
        return "flash-sale";
    }

    @Override
    public void prepare() throws InterruptedException {
        sku = shop.createCardKeyProduct("flash", context.options().flashStock(), context.options().queued());
        hoarders.start(sku);
    }

    @Override
    public void iterate(Session session) {
        Optional<String> ordered = shop.order(session, sku, 1, "buyer-" + session.sequence());
        if (context.options().queued()) {
            // A queued order is paid only after its turn, which the buyer learns by polling: the
            // run measures the intake; BENCHMARKS.md reads when every turn came from the database.
            return;
        }
        ordered.ifPresent(orderId -> {
            if (session.sequence() % CANCEL_ONE_IN == 0) {
                shop.cancel(session, orderId);
                return;
            }
            shop.pay(session, orderId, "p-" + context.runId() + "-" + session.sequence())
                    .ifPresent(payment -> shop.payAtGateway(session, payment.paymentId()));
        });
    }

    @Override
    public void finish() throws InterruptedException {
        hoarding = hoarders.stop();
    }

    @Override
    public java.util.Optional<Hoarders.Report> hoarding() {
        return context.options().hoarders() == 0 ? java.util.Optional.empty() : java.util.Optional.ofNullable(hoarding);
    }
}
