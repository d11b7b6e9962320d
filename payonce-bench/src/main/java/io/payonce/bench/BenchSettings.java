package io.payonce.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.payonce.bench.load.LoadPlan;
import io.payonce.bench.load.Transport;
import io.payonce.bench.scenarios.ScenarioOptions;
import io.payonce.bench.target.Database;
import io.payonce.bench.target.EmbeddedService;

/**
 * One bench run, fully specified: what to load, how, against what, and where results go.
 *
 * @param target          null: start an embedded payonce
 * @param database        the service's database for the audit; null with a target means no database audit
 * @param settleTimeout   how long the service may take to go quiet after the load, before the audit
 * @param gateway         the sandbox gateway: none (the service's own simulator), a child the bench starts, or one at a URL
 */
public record BenchSettings(String scenario, URI target, String adminToken, Database database, LoadPlan plan,
                            ScenarioOptions options, Path out, EmbeddedService.Mode embeddedMode, long autopayMs,
                            Duration settleTimeout, boolean quiet, Transport.Kind client, EmbeddedService.Gateway gateway) {

    public BenchSettings(String scenario, URI target, String adminToken, Database database, LoadPlan plan,
                         ScenarioOptions options, Path out, EmbeddedService.Mode embeddedMode, long autopayMs,
                         Duration settleTimeout, boolean quiet, Transport.Kind client) {
        this(scenario, target, adminToken, database, plan, options, out, embeddedMode, autopayMs, settleTimeout, quiet, client,
                EmbeddedService.Gateway.CHILD);
    }

    /** Connections the pool may open: every iteration in flight may send dup-factor calls at once. */
    public int connectionsMax() {
        int iterations = plan.model() instanceof io.payonce.bench.load.LoadModel.Closed closed ? closed.users() : plan.inFlightMax();
        return (int) Math.min(8192, (long) iterations * options.dupFactor());
    }
}
