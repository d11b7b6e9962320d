package io.payonce.bench.scenarios;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.BenchHttp;
import io.payonce.bench.target.SandboxGateway;

/**
 * What a scenario works with. {@code runId} makes every sku, order number, key and user of this
 * run unique, so runs against a shared deployment never collide with each other. {@code gateway}
 * is the sandbox gateway the service pays through (null: none the bench knows of, so a scenario
 * that pays cannot run).
 */
public record ScenarioContext(BenchHttp http, String adminToken, Journal journal, ScenarioOptions options, String runId,
                              SandboxGateway gateway) {

    public ScenarioContext(BenchHttp http, String adminToken, Journal journal, ScenarioOptions options, String runId) {
        this(http, adminToken, journal, options, runId, null);
    }

    /** The gateway a scenario that pays needs; refused, saying how to name one, when the run has none. */
    static SandboxGateway require(SandboxGateway gateway) {
        if (gateway == null) {
            throw new IllegalStateException("this scenario pays at the sandbox gateway, and the run has none: run it against the "
                    + "bench's own service (no --target, no --no-gateway), or give --gateway-url of the gateway the target pays through");
        }
        return gateway;
    }
}
