package io.payonce.bench.scenarios;

import java.util.Map;

import io.payonce.bench.load.Session;

/**
 * The load of {@code --scenario chaos}: mixed's blend without most of its browsing, so that nearly
 * every call while a fault is dealt writes money, stock or membership days (purchases paid at the
 * gateway, double submissions, renewals, refunds, cancellations, and orders of a queued product,
 * whose turns go through the broker that a fault stops). The faults themselves are the
 * bench's (see {@code io.payonce.bench.target.Chaos}).
 */
final class ChaosLoad implements Scenario {

    static final Map<String, Integer> WEIGHTS = Map.of("buy", 30, "duplicate", 20, "renew", 20, "queued", 15, "refund", 5,
            "cancel", 5, "browse", 5);

    private final Mixed mixed;

    ChaosLoad(ScenarioContext context) {
        ScenarioOptions given = context.options();
        ScenarioOptions options = new ScenarioOptions(given.usersPool(), given.dupFactor(), given.flashStock(), given.stockHint(),
                given.channel(), given.keyBits(), WEIGHTS, given.path(), given.presign(), given.hoarders());
        this.mixed = new Mixed(new ScenarioContext(context.http(), context.adminToken(), context.journal(), options, context.runId(),
                context.gateway()));
    }

    @Override
    public String name() {
        return "chaos";
    }

    @Override
    public void prepare() throws Exception {
        mixed.prepare();
    }

    @Override
    public void iterate(Session session) throws Exception {
        mixed.iterate(session);
    }

    @Override
    public void finish() throws Exception {
        mixed.finish();
    }
}
