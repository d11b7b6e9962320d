package io.payonce.bench.scenarios;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.BenchHttp;

/**
 * What a scenario works with. {@code runId} makes every sku, order number, key and user of this
 * run unique, so runs against a shared deployment never collide with each other.
 */
public record ScenarioContext(BenchHttp http, String adminToken, Journal journal, ScenarioOptions options, String runId) {
}
