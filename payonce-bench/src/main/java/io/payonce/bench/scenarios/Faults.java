package io.payonce.bench.scenarios;

import java.util.Map;
import java.util.Optional;

import io.payonce.bench.load.Session;

/**
 * Purchases against a misbehaving gateway: some trades are declined, some stay pending, some
 * time out (the service records UNKNOWN and settles them later by asking the gateway). A declined
 * buyer tries once more with a new key. Money may move only for trades the gateway says were paid.
 */
final class Faults implements Scenario {

    /**
     * One trade in ten declined, one in ten left waiting for a buyer who may never come (no
     * autopay), one in twenty opened but answered like a lost response (payonce records UNKNOWN
     * and its janitor asks the gateway).
     */
    static final Map<String, Object> SWITCHES = Map.of("declineRate", 0.1, "pendingRate", 0.1, "timeoutRate", 0.05);

    private final ScenarioContext context;
    private final Shop shop;
    private final SimControl sim;
    private String sku;

    Faults(ScenarioContext context) {
        this.context = context;
        this.shop = new Shop(context);
        this.sim = new SimControl(shop, context);
    }

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public void prepare() {
        sku = shop.createCardKeyProduct("faults", context.options().stockHint());
        sim.set(SWITCHES);
    }

    @Override
    public void iterate(Session session) {
        shop.order(session, sku, 1, "buyer-" + session.sequence()).ifPresent(orderId -> {
            String key = "p-" + context.runId() + "-" + session.sequence();
            Optional<Shop.Payment> payment = shop.pay(session, orderId, key);
            if (payment.isEmpty()) {
                payment = shop.pay(session, orderId, key + "-retry");
            }
            // Half the buyers pay at once; the other half leave it to autopay, or (under the
            // PENDING fault) never pay, so some orders stay unpaid until they expire.
            payment.filter(p -> "PENDING".equals(p.status()) && session.sequence() % 2 == 0)
                    .ifPresent(p -> shop.payAtGateway(session, p.paymentId()));
        });
    }

    @Override
    public void finish() {
        sim.clear();
    }
}
