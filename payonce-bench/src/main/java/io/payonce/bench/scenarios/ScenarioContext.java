package io.payonce.bench.scenarios;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.BenchHttp;
import io.payonce.bench.target.SandboxGateway;

/**
 * What a scenario works with. {@code runId} makes every sku, order number, key and user of this
 * run unique, so runs against a shared deployment never collide with each other. {@code gateway}
 * is the sandbox gateway the service pays through (null: the service's own simulator, /sim).
 */
public record ScenarioContext(BenchHttp http, String adminToken, Journal journal, ScenarioOptions options, String runId,
                              SandboxGateway gateway) {

    public ScenarioContext(BenchHttp http, String adminToken, Journal journal, ScenarioOptions options, String runId) {
        this(http, adminToken, journal, options, runId, null);
    }
}
