package io.payonce.bench.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.payonce.bench.Bench;
import io.payonce.bench.BenchSettings;
import io.payonce.bench.load.LoadModel;
import io.payonce.bench.load.LoadPlan;
import io.payonce.bench.load.Transport;
import io.payonce.bench.scenarios.ScenarioOptions;
import io.payonce.bench.target.Database;
import io.payonce.bench.target.EmbeddedService;
import io.payonce.bench.target.GatewayKill;
import io.payonce.bench.target.Target;
import io.payonce.support.TestDatabase;

/**
 * One payonce for the scenario tests: in-process (a child JVM would cost every test JVM a second
 * cold start), on a fresh database of the machine's PostgreSQL, shared by the tests of a class.
 * Each run has its own run id, so runs on one service never see each other's skus or users.
 */
public final class BenchService implements AutoCloseable {

    private final Target target;

    private BenchService(Target target) {
        this.target = target;
    }

    public static BenchService start() throws Exception {
        Database database = new Database(TestDatabase.createDatabase(), TestDatabase.user(), null);
        return new BenchService(EmbeddedService.start(new EmbeddedService.Options(EmbeddedService.Mode.IN_PROCESS, 300, database,
                Path.of("target", "bench-service.log"), List.of())));
    }

    public Target target() {
        return target;
    }

    public Database database() {
        return target.database();
    }

    /** A short open-model run: a second of warm-up, then {@code seconds} at {@code rate}. */
    public Bench.Outcome run(String scenario, double rate, int seconds, ScenarioOptions options, Path out) throws Exception {
        return run(scenario, rate, seconds, options, out, GatewayKill.Plan.NONE);
    }

    /** The same, with the sandbox gateway killed (SIGKILL) and restarted during the load as {@code kill} says. */
    public Bench.Outcome run(String scenario, double rate, int seconds, ScenarioOptions options, Path out, GatewayKill.Plan kill)
            throws Exception {
        LoadPlan plan = new LoadPlan(new LoadModel.Open(rate), Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(seconds), 0,
                256, Duration.ofSeconds(10), Duration.ofSeconds(20));
        BenchSettings settings = new BenchSettings(scenario, target.baseUrl(), target.adminToken(), database(), plan, options, out,
                EmbeddedService.Mode.IN_PROCESS, 300, Duration.ofSeconds(60), true, Transport.Kind.APACHE);
        return new Bench(settings, System.err).withGatewayKill(kill).runAgainst(target);
    }

    public static ScenarioOptions options(int usersPool, int flashStock, long stock) {
        ScenarioOptions defaults = ScenarioOptions.defaults();
        return new ScenarioOptions(usersPool, defaults.dupFactor(), flashStock, stock, defaults.channel(), defaults.keyBits(),
                defaults.weights(), defaults.path(), 200);
    }

    @Override
    public void close() throws Exception {
        target.close();
    }
}
