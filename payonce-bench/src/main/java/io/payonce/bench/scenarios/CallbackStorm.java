package io.payonce.bench.scenarios;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.payonce.bench.load.Call;
import io.payonce.bench.load.Reply;
import io.payonce.bench.load.Session;

/**
 * Purchases whose gateway notifications are repeated, reordered, delayed and lost (the
 * simulator's switches), plus forged notifications with a bad signature. Every paid trade must be
 * applied exactly once, lost ones through the service asking the gateway, forged ones never.
 */
final class CallbackStorm implements Scenario {

    private static final int FORGE_ONE_IN = 10;
    /** Two extra copies of each notification, a stale WAIT_BUYER_PAY after each final one, 300 ms late, one in five lost. */
    static final Map<String, Object> SWITCHES = Map.of("repeat", 2, "reorder", true, "delayMs", 300, "loseRate", 0.2);

    private final ScenarioContext context;
    private final Shop shop;
    private final SimControl sim;
    private String sku;

    CallbackStorm(ScenarioContext context) {
        this.context = context;
        this.shop = new Shop(context);
        this.sim = new SimControl(shop, context);
    }

    @Override
    public String name() {
        return "callback-storm";
    }

    @Override
    public void prepare() {
        sku = shop.createCardKeyProduct("cb", context.options().stockHint());
        sim.set(SWITCHES);
    }

    @Override
    public void iterate(Session session) {
        shop.order(session, sku, 1, "buyer-" + session.sequence())
                .flatMap(orderId -> shop.pay(session, orderId, "p-" + context.runId() + "-" + session.sequence()))
                .ifPresent(payment -> {
                    shop.payAtGateway(session, payment.paymentId());
                    if (session.sequence() % FORGE_ONE_IN == 0) {
                        forge(session, payment.paymentId());
                    }
                });
    }

    /** A notification for a real trade, signed with a key that is not the gateway's. */
    private void forge(Session session, String paymentId) {
        String form = form(Map.of("out_trade_no", paymentId, "trade_no", "FORGED" + session.sequence(),
                "total_amount", "0.01", "trade_status", "TRADE_SUCCESS", "notify_id", "forged-" + context.runId() + "-" + session.sequence(),
                "sign_type", "RSA2", "sign", "Zm9yZ2Vk"));
        Reply reply = context.http().send(session,
                Call.postForm("forged_callback", "/v1/callbacks/" + context.options().channel(), form).expecting("400 fail"));
        context.journal().forgedCallback(paymentId, reply.status() / 100 == 2);
    }

    @Override
    public void finish() {
        sim.clear();
    }

    static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((key, value) -> form.append(form.isEmpty() ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }
}
