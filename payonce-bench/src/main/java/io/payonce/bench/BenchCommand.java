package io.payonce.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.payonce.bench.load.LoadModel;
import io.payonce.bench.load.LoadPlan;
import io.payonce.bench.load.Transport;
import io.payonce.bench.scenarios.ScenarioOptions;
import io.payonce.bench.scenarios.Scenarios;
import io.payonce.bench.slow.SlowClients;
import io.payonce.bench.slow.SlowClientsOption;
import io.payonce.bench.target.Chaos;
import io.payonce.bench.target.Cluster;
import io.payonce.bench.target.Database;
import io.payonce.bench.target.EmbeddedService;
import io.payonce.bench.target.GatewayKill;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payonce bench}: load a payonce with one scenario, then audit its database. Exit 1 when the audit fails. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stress-test payonce with a scenario, then audit its database for lost or duplicated money.",
                "Latency is measured without coordinated omission. Writes DIR/summary.json and DIR/report.html;",
                "exits 1 when the audit finds a violation, 2 when the run could not be made."})
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, description = "member-renew, duplicate-storm, flash-sale, callback-storm, mixed, faults, chaos (with --instances); http-get calibrates the harness")
    String scenario;

    @Option(names = "--target", description = "Base URL of a running payonce; without it an embedded one is started.")
    URI target;

    @Option(names = "--duration", description = "Measured seconds (after the warm-up). Default 30 unless --requests is given.")
    Integer durationSeconds;

    @Option(names = "--requests", description = "Measured iterations to start instead of a duration.")
    long requests;

    /** Exactly one load model. */
    static class Model {
        @Option(names = "--rate", description = "Open model: iterations started per second, on schedule.")
        Double rate;

        @Option(names = "--users", description = "Closed model: users each running iterations back to back.")
        Integer users;
    }

    @ArgGroup(exclusive = true)
    Model model = new Model();

    @Option(names = "--out", defaultValue = "bench-out", description = "Directory for summary.json, report.html (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of load before measuring starts (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--ramp-up", defaultValue = "0", description = "Seconds over which the rate (or users) climbs from zero.")
    double rampUpSeconds;

    @Option(names = "--in-flight-max", defaultValue = "1024", description = "Iterations running at once, at most (default ${DEFAULT-VALUE}).")
    int inFlightMax;

    @Option(names = "--timeout-ms", defaultValue = "10000", description = "One request's timeout (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--admin-token", description = "Admin token of --target (default: $PAYONCE_ADMIN_TOKEN).")
    String adminToken = System.getenv("PAYONCE_ADMIN_TOKEN");

    @Option(names = "--db-url", description = "JDBC or postgresql:// URL of the service's database, for the audit.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user for the audit (default ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password for the audit.")
    String dbPassword;

    @Option(names = "--users-pool", defaultValue = "2000", description = "Existing members cycled by member-renew (default ${DEFAULT-VALUE}).")
    int usersPool;

    @Option(names = "--dup-factor", defaultValue = "8", description = "Concurrent copies per key in duplicate-storm (default ${DEFAULT-VALUE}).")
    int dupFactor;

    @Option(names = "--stock", defaultValue = "100", description = "Card keys on sale in flash-sale (default ${DEFAULT-VALUE}).")
    int flashStock;

    @Option(names = "--hoarders", defaultValue = "0", description = "flash-sale and mixed: clients that reserve stock and never pay (default ${DEFAULT-VALUE}).")
    int hoarders;

    @Option(names = "--queued", description = "flash-sale: the product is queued; buyers are answered 202 and only order (issue 10).")
    boolean queued;

    @Option(names = "--stock-other", description = "Card keys imported for the other scenarios (default: enough for the run).")
    Long stockOther;

    @Option(names = "--channel", defaultValue = "alipay", description = "Simulated channel to pay through (default ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--key-bits", defaultValue = "2048", description = "RSA key size of the bench's membership system (default ${DEFAULT-VALUE}).")
    int keyBits;

    @Option(names = "--weights", split = ",", description = "mixed's blend, e.g. browse=40,buy=25,duplicate=10,refund=5,cancel=5,renew=15 (and queued=N: orders of a queued product)")
    Map<String, Integer> weights;

    @Option(names = "--path", defaultValue = "/actuator/health", description = "What http-get requests (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--presign", description = "Renewals signed before the load (default: the run's expected iterations, at most 60000).")
    Integer presign;

    @Option(names = "--client", defaultValue = "apache", description = "HTTP client: apache (default, leaner) or jdk.")
    String client;

    @Option(names = "--embedded", defaultValue = "child", description = "How the embedded service runs: child (own JVM) or in-process.")
    String embedded;

    @Option(names = "--autopay-ms", defaultValue = "1000", description = "Autopay of the embedded service's gateway: every trade pays itself this many ms after it opens (default ${DEFAULT-VALUE}).")
    long autopayMs;

    @Option(names = "--gateway-url", description = "A sandbox gateway already running (payonce gateway): the bench flips its fault "
            + "switches and pays there; the service must be configured for it. Default: the embedded service gets a gateway of its own.")
    java.net.URI gatewayUrl;

    @Option(names = "--kill-gateway-after", description = "Kill the bench's sandbox gateway with SIGKILL this many seconds into "
            + "the load, and start it again --gateway-down seconds later; the audit must still pass.")
    Integer killGatewayAfterSeconds;

    @Option(names = "--gateway-down", defaultValue = "3", description = "Seconds the killed gateway stays down (default ${DEFAULT-VALUE}).")
    int gatewayDownSeconds;

    @Option(names = "--no-gateway", description = "Start no sandbox gateway: for scenarios that never pay (member-renew).")
    boolean noGateway;

        @Option(names = "--settle-timeout", defaultValue = "60", description = "Seconds the service may take to settle before the audit.")
    long settleSeconds;

    @Option(names = "--slow-clients", defaultValue = "0", description = "Slow connections held while the load runs, from one address (issue 17; default ${DEFAULT-VALUE}).")
    int slowClients;

    @Option(names = "--slow-clients-from", description = "Local address of the slow clients (default: 127.0.0.2 against a loopback target, else the system's choice).")
    String slowClientsFrom;

    @Option(names = "--baseline", description = "After the load, run pgbench with one payment's SQL (16 clients, -M prepared) "
            + "on the same database for as long as the measured load, and print payonce's ratio to it.")
    boolean baseline;

    @Option(names = "--instances", description = "Start this many payonce processes behind a round-robin load balancer, on one "
            + "PostgreSQL (its own unless --db-url), one Redis and one sandbox gateway (default 1; 3 for chaos).")
    Integer instances;

    @Option(names = "--redis-url", description = "With --instances: the Redis the instances share; 'none' for none "
            + "(default: a redis-server of the bench's own, from the PATH).")
    String redisUrl;

    @Option(names = "--broker", description = "With --instances: 'own' starts a RabbitMQ node of the bench's own and gives "
            + "its URL to the instances (queued intake and events through the broker), 'none' runs them without one "
            + "(default: own for chaos, none otherwise).")
    String broker;

    @Option(names = "--chaos-faults", split = ",", defaultValue = "redis,postgres,broker,kill",
            description = "chaos: the faults, in order: redis (stopped, started), postgres (shut down, started), "
                    + "broker (RabbitMQ stopped, started), kill (kill -9 of an instance, restarted) (default ${DEFAULT-VALUE}).")
    java.util.List<String> chaosFaults;

    @Option(names = "--chaos-after", defaultValue = "8", description = "chaos: seconds into the load (warm-up included) of the first fault (default ${DEFAULT-VALUE}).")
    int chaosAfterSeconds;

    @Option(names = "--chaos-down", defaultValue = "3", description = "chaos: seconds each fault lasts (default ${DEFAULT-VALUE}).")
    int chaosDownSeconds;

    @Option(names = "--chaos-between", defaultValue = "5", description = "chaos: seconds of calm after each repair (default ${DEFAULT-VALUE}).")
    int chaosBetweenSeconds;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        SlowClients.Plan slow;
        GatewayKill.Plan kill;
        Cluster.Options cluster;
        Chaos.Plan chaos;
        try {
            settings = settings();
            cluster = cluster(settings);
            chaos = chaos(cluster);
            slow = SlowClientsOption.plan(slowClients, slowClientsFrom, target);
            kill = gatewayKill();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        try {
            return new Bench(settings, System.err).withSlowClients(slow).withGatewayKill(kill).withBaseline(baselinePlan(settings))
                    .withCluster(cluster).withChaos(chaos)
                    .run().exitCode();
        } catch (IllegalStateException | java.io.IOException | java.sql.SQLException e) {
            // A failed set-up call, an unreachable service or database: no verdict, so not exit 1.
            System.err.println("bench: the run could not be made: " + e.getMessage());
            return 2;
        }
    }

    BenchSettings settings() {
        if (!Scenarios.names().contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be one of " + Scenarios.names());
        }
        LoadModel loadModel = model.users != null ? new LoadModel.Closed(model.users)
                : new LoadModel.Open(model.rate != null ? model.rate : 100);
        Duration duration = durationSeconds != null ? Duration.ofSeconds(durationSeconds) : requests > 0 ? null : Duration.ofSeconds(30);
        LoadPlan plan = new LoadPlan(loadModel, seconds(rampUpSeconds), seconds(warmupSeconds), duration, requests, inFlightMax,
                Duration.ofMillis(timeoutMs), Duration.ofMillis(Math.max(5_000, 2 * timeoutMs)));
        Database database = database(dbUrl != null ? dbUrl : target == null ? System.getenv("PAYONCE_DB_URL") : null);
        if (target != null && (adminToken == null || adminToken.isBlank())) {
            throw new IllegalArgumentException("--target needs --admin-token (or PAYONCE_ADMIN_TOKEN) for the set-up calls");
        }
        ScenarioOptions options = new ScenarioOptions(usersPool, dupFactor, flashStock,
                stockOther != null ? stockOther : stockFor(plan), channel, keyBits,
                weights != null ? new LinkedHashMap<>(weights) : ScenarioOptions.DEFAULT_WEIGHTS, path, presignFor(plan, presign), hoarders, queued);
        EmbeddedService.Mode mode = switch (embedded) {
            case "child" -> EmbeddedService.Mode.CHILD;
            case "in-process" -> EmbeddedService.Mode.IN_PROCESS;
            default -> throw new IllegalArgumentException("--embedded must be child or in-process");
        };
        return new BenchSettings(scenario, target, adminToken, database, plan, options, out, mode, autopayMs,
                Duration.ofSeconds(settleSeconds), false, transport(), gateway());
    }

    private io.payonce.bench.target.PgbenchBaseline.Plan baselinePlan(BenchSettings settings) {
        Duration measured = settings.plan().duration() != null ? settings.plan().duration() : Duration.ofSeconds(20);
        return baseline ? new io.payonce.bench.target.PgbenchBaseline.Plan(true, 16, measured)
                : io.payonce.bench.target.PgbenchBaseline.Plan.NONE;
    }

    /** The bench's own cluster of --instances (three for chaos; one is a cluster too); null without --instances. */
    Cluster.Options cluster(BenchSettings settings) {
        if (instances == null && !"chaos".equals(scenario)) {
            return null;
        }
        int count = instances != null ? instances : 3;
        if (target != null || gatewayUrl != null || noGateway || !"child".equals(embedded) || killGatewayAfterSeconds != null) {
            throw new IllegalArgumentException("--instances starts its own cluster and gateway: it excludes --target, --gateway-url, "
                    + "--no-gateway, --embedded in-process and --kill-gateway-after");
        }
        boolean ownRedis = redisUrl == null;
        String shared = ownRedis || "none".equals(redisUrl) ? null : redisUrl;
        if (broker != null && !"own".equals(broker) && !"none".equals(broker)) {
            throw new IllegalArgumentException("--broker is own or none, not " + broker);
        }
        boolean ownBroker = broker == null ? "chaos".equals(scenario) : "own".equals(broker);
        return new Cluster.Options(count, settings.database(), ownRedis, shared, null, out.resolve("cluster"), autopayMs, List.of(),
                ownBroker);
    }

    /** The faults of --scenario chaos; none for any other scenario. */
    Chaos.Plan chaos(Cluster.Options cluster) {
        if (!"chaos".equals(scenario)) {
            return Chaos.Plan.NONE;
        }
        java.util.List<Chaos.Fault> faults = chaosFaults.stream().map(Chaos.Fault::parse).toList();
        if (faults.contains(Chaos.Fault.REDIS) && !cluster.privateRedis()) {
            throw new IllegalArgumentException("the redis fault stops the bench's own redis-server: leave out --redis-url");
        }
        if (faults.contains(Chaos.Fault.POSTGRES) && cluster.database() != null) {
            throw new IllegalArgumentException("the postgres fault restarts the bench's own PostgreSQL: leave out --db-url");
        }
        if (faults.contains(Chaos.Fault.BROKER) && !cluster.privateBroker()) {
            throw new IllegalArgumentException("the broker fault stops the bench's own RabbitMQ node: leave out --broker none");
        }
        if (chaosAfterSeconds < 0 || chaosDownSeconds < 0 || chaosBetweenSeconds < 0) {
            throw new IllegalArgumentException("--chaos-after, --chaos-down and --chaos-between must not be negative");
        }
        return new Chaos.Plan(faults, Duration.ofSeconds(chaosAfterSeconds), Duration.ofSeconds(chaosDownSeconds),
                Duration.ofSeconds(chaosBetweenSeconds));
    }

    /** The kill of --kill-gateway-after; only the gateway the bench starts itself can be killed. */
    GatewayKill.Plan gatewayKill() {
        if (killGatewayAfterSeconds == null) {
            return GatewayKill.Plan.NONE;
        }
        if (killGatewayAfterSeconds < 0 || gatewayDownSeconds < 0) {
            throw new IllegalArgumentException("--kill-gateway-after and --gateway-down must not be negative");
        }
        if (gateway().kind() != EmbeddedService.Gateway.Kind.CHILD) {
            throw new IllegalArgumentException("--kill-gateway-after needs the sandbox gateway the bench starts itself "
                    + "(no --target, --gateway-url or --no-gateway)");
        }
        return new GatewayKill.Plan(Duration.ofSeconds(killGatewayAfterSeconds), Duration.ofSeconds(gatewayDownSeconds));
    }

    /** A gateway at --gateway-url; none with --no-gateway (or a --target without a gateway URL); else one the bench starts. */
    EmbeddedService.Gateway gateway() {
        if (noGateway && gatewayUrl != null) {
            throw new IllegalArgumentException("--no-gateway and --gateway-url exclude each other");
        }
        if (gatewayUrl != null) {
            return EmbeddedService.Gateway.external(gatewayUrl);
        }
        return noGateway || target != null ? EmbeddedService.Gateway.NONE : EmbeddedService.Gateway.CHILD;
    }

    /**
     * The service's database: --db-url; for the embedded service also PAYONCE_DB_URL (with
     * PAYONCE_DB_USERNAME and PAYONCE_DB_PASSWORD), as `payonce serve` reads it; else none, and the
     * embedded service runs a durable embedded PostgreSQL of its own.
     */
    private Database database(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        boolean fromEnvironment = dbUrl == null;
        String user = fromEnvironment && System.getenv("PAYONCE_DB_USERNAME") != null ? System.getenv("PAYONCE_DB_USERNAME") : dbUser;
        String password = fromEnvironment && System.getenv("PAYONCE_DB_PASSWORD") != null ? System.getenv("PAYONCE_DB_PASSWORD") : dbPassword;
        return Database.parse(url, user, password);
    }

    private Transport.Kind transport() {
        return switch (client) {
            case "apache" -> Transport.Kind.APACHE;
            case "jdk" -> Transport.Kind.JDK;
            default -> throw new IllegalArgumentException("--client must be apache or jdk");
        };
    }

    /** Enough keys that stock never runs out outside flash-sale: the iterations the plan may start, plus a margin. */
    static long stockFor(LoadPlan plan) {
        return Math.min(1_000_000, Math.max(1_000, (long) (expectedIterations(plan) * 1.2)));
    }

    /** Renewals to sign before the load: as asked, else every iteration the plan may start, at most 60000 (about 30 s of set-up). */
    static int presignFor(LoadPlan plan, Integer asked) {
        return asked != null ? asked : (int) Math.min(60_000, expectedIterations(plan) + 100);
    }

    /** The iterations a plan starts, at most; for the closed model a guess of 200 per user and second. */
    static long expectedIterations(LoadPlan plan) {
        double perSecond = switch (plan.model()) {
            case LoadModel.Open open -> open.ratePerSecond();
            case LoadModel.Closed closed -> closed.users() * 200.0;
        };
        double warmupIterations = plan.warmup().toNanos() / 1e9 * perSecond;
        return plan.requests() > 0 ? plan.requests() + (long) warmupIterations
                : (long) (plan.scheduleEnd().toNanos() / 1e9 * perSecond);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
