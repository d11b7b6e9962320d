package io.payonce.bench.scenarios;

import io.payonce.bench.load.Call;
import io.payonce.bench.load.Session;

/**
 * Not a business scenario: one GET per iteration on a fixed path. It calibrates the harness
 * (its percentiles against wrk's on the same endpoint, its own maximum generation rate).
 */
final class HttpGet implements Scenario {

    private final ScenarioContext context;

    HttpGet(ScenarioContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "http-get";
    }

    @Override
    public void prepare() {
    }

    @Override
    public void iterate(Session session) {
        context.http().send(session, Call.get("get", context.options().path()));
    }
}
