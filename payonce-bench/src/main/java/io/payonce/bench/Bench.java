package io.payonce.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.payonce.bench.audit.Audit;
import io.payonce.bench.audit.Journal;
import io.payonce.bench.audit.Settle;
import io.payonce.bench.load.BenchHttp;
import io.payonce.bench.load.LoadModel;
import io.payonce.bench.load.LoadRunner;
import io.payonce.bench.load.Transport;
import io.payonce.bench.results.HtmlReport;
import io.payonce.bench.results.Latencies;
import io.payonce.bench.results.Results;
import io.payonce.bench.results.Summary;
import io.payonce.bench.results.TextReport;
import io.payonce.bench.scenarios.Hoarders;
import io.payonce.bench.scenarios.Scenario;
import io.payonce.bench.scenarios.ScenarioContext;
import io.payonce.bench.scenarios.Scenarios;
import io.payonce.bench.slow.SlowClients;
import io.payonce.bench.target.Chaos;
import io.payonce.bench.target.Cluster;
import io.payonce.bench.target.DatabaseSettings;
import io.payonce.bench.target.EmbeddedService;
import io.payonce.bench.target.GatewayKill;
import io.payonce.bench.target.PgbenchBaseline;
import io.payonce.bench.target.ProcessCpu;
import io.payonce.bench.target.SandboxGateway;
import io.payonce.bench.target.Target;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** One bench run from start to verdict: set up, load, settle, audit, report. */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What a run produced: the summary (also on disk) and where the files are. */
    public record Outcome(Summary summary, Path summaryJson, Path reportHtml, Journal journal) {
        public int exitCode() {
            return summary.audit().passed() ? 0 : 1;
        }
    }

    private final BenchSettings settings;
    private final PrintStream err;
    private SlowClients.Plan slowClients = SlowClients.Plan.NONE;
    private GatewayKill.Plan gatewayKill = GatewayKill.Plan.NONE;
    private PgbenchBaseline.Plan baseline = PgbenchBaseline.Plan.NONE;
    private Cluster.Options cluster;
    private Chaos.Plan chaosPlan = Chaos.Plan.NONE;
    private List<Chaos.Event> chaosEvents = List.of();

    public Bench(BenchSettings settings, PrintStream err) {
        this.settings = settings;
        this.err = err;
    }

    /** The sandbox gateway killed and restarted while the load runs ({@code --kill-gateway-after}); never by default. */
    public Bench withGatewayKill(GatewayKill.Plan plan) {
        this.gatewayKill = plan;
        return this;
    }

    /** pgbench on the same database after the load ({@code --baseline}); not by default. */
    public Bench withBaseline(PgbenchBaseline.Plan plan) {
        this.baseline = plan;
        return this;
    }

    /** Runs against several instances the bench starts behind its own load balancer ({@code --instances}); null: one. */
    public Bench withCluster(Cluster.Options options) {
        this.cluster = options;
        return this;
    }

    /** Faults dealt to the bench's own cluster while the load runs ({@code --scenario chaos}); none by default. */
    public Bench withChaos(Chaos.Plan plan) {
        this.chaosPlan = plan;
        return this;
    }

    /** The faults the last run dealt, in order, once it is over. */
    public List<Chaos.Event> chaosEvents() {
        return chaosEvents;
    }

    /** Slow connections held while the load runs ({@code --slow-clients}); none by default. */
    public Bench withSlowClients(SlowClients.Plan plan) {
        this.slowClients = plan;
        return this;
    }

    public Outcome run() throws Exception {
        Files.createDirectories(settings.out());
        try (Target target = target()) {
            return runAgainst(target);
        }
    }

    /** Runs against a service that is already up (used by tests that own the service). */
    public Outcome runAgainst(Target target) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Results results = new Results();
        Journal journal = new Journal();
        Instant startedAt = Instant.now();
        try (BenchHttp http = new BenchHttp(target.baseUrl(),
                Transport.create(settings.client(), settings.plan().requestTimeout(), settings.connectionsMax()),
                settings.plan().requestTimeout(), results)) {
            Scenario scenario = Scenarios.create(settings.scenario(),
                    new ScenarioContext(http, target.adminToken(), journal, settings.options(), runId, target.gateway()));
            say("bench: setting up %s (run %s) on %s", scenario.name(), runId, target.baseUrl());
            LoadRunner.RunStats stats;
            Summary.Processes processes;
            try {
                scenario.prepare();
                say("bench: load starts");
                Chaos chaos = Chaos.start(chaosPlan, target, this::say);
                try (GatewayKill kill = GatewayKill.start(gatewayKill, target.gateway(), this::say); chaos;
                     SlowClients slow = SlowClients.start(slowClients, target.baseUrl())) {
                    AtomicReference<Optional<ProcessCpu>> serviceCpu = new AtomicReference<>(Optional.empty());
                    AtomicReference<Optional<ProcessCpu>> gatewayCpu = new AtomicReference<>(Optional.empty());
                    stats = new LoadRunner(settings.plan(), results, this::progress, () -> {
                        serviceCpu.set(ProcessCpu.start(target.serviceProcess()));
                        gatewayCpu.set(ProcessCpu.start(target.gatewayProcess()));
                    }).run(scenario::iterate);
                    processes = processes(serviceCpu.get().flatMap(cpu -> cpu.spentBy(target.serviceProcess())),
                            gatewayCpu.get().flatMap(cpu -> cpu.spentBy(target.gatewayProcess())), results.requests());
                    reportSlowClients(slow.report());
                }
                reportChaos(chaos.events(), target);
            } finally {
                // Fault switches live in the gateway: never leave them on for whoever comes next.
                scenario.finish();
            }
            say("bench: load done; waiting for the service to settle");
            if (!Settle.await(target.database(), journal, settings.settleTimeout())) {
                say("bench: the service did not go quiet within %d s; auditing anyway", settings.settleTimeout().toSeconds());
            }
            Audit.Result audit = Audit.standard().run(target.database(), journal);
            Results.Snapshot snapshot = results.snapshot();
            Summary.Hoarding hoarding = scenario.hoarding().map(report -> hoarding(report, journal)).orElse(null);
            Summary summary = summary(snapshot, results, stats, audit, target, startedAt, hoarding, processes,
                    DatabaseSettings.of(target.database()).orElse(null));
            return write(withBaseline(summary, target), snapshot, journal);
        }
    }

    /** Runs pgbench beside the run when asked; payonce's rate is its completed iterations per measured second. */
    private Summary withBaseline(Summary summary, Target target) throws Exception {
        if (!baseline.enabled()) {
            return summary;
        }
        if (target.database() == null) {
            say("bench: --baseline needs the service's database (--db-url with --target); no baseline");
            return summary;
        }
        say("bench: running pgbench with one payment's SQL on the same database for %d s", baseline.duration().toSeconds());
        PgbenchBaseline.Result pgbench = PgbenchBaseline.run(baseline, target.database(), settings.out());
        double payonce = summary.iterationLatencyMs().count() / Math.max(1e-3, summary.load().measuredSec());
        return summary.withBaseline(new Summary.Baseline(pgbench.clients(), pgbench.seconds(), round(pgbench.tps()), round(payonce),
                Math.round(payonce / pgbench.tps() * 10_000) / 10_000.0, pgbench.command()));
    }

    private void reportChaos(List<Chaos.Event> events, Target target) throws IOException {
        chaosEvents = events;
        if (target.owner() instanceof Cluster owned) {
            say("bench: the load balancer gave the instances %s connections", java.util.Arrays.toString(owned.proxy().connectionsPerInstance()));
        }
        if (!events.isEmpty()) {
            Files.createDirectories(settings.out());
            Files.writeString(settings.out().resolve("chaos.json"), JSON.writeValueAsString(events) + "\n");
        }
    }

    private void reportSlowClients(SlowClients.Report report) throws IOException {
        if (report.connections() == 0) {
            return;
        }
        say("bench: %d slow clients from %s connected %d times, were refused or cut off %d times, held %d connections at the end",
                report.connections(), report.from() == null ? "this host" : report.from(), report.connects(), report.refusedOrCut(),
                report.heldAtEnd());
        Files.createDirectories(settings.out());
        Files.writeString(settings.out().resolve("slow-clients.json"), JSON.writeValueAsString(report) + "\n");
    }

    private Target target() throws IOException, InterruptedException {
        if (cluster != null) {
            say("bench: starting %d payonce instances behind a load balancer, their sandbox gateway%s", cluster.instances(),
                    cluster.privateRedis() ? ", a Redis of their own" : "");
            return Cluster.start(cluster);
        }
        if (settings.target() != null) {
            SandboxGateway gateway = settings.gateway().url() == null ? null : SandboxGateway.external(settings.gateway().url());
            return Target.remote(settings.target(), settings.adminToken(), settings.database(), gateway);
        }
        say("bench: starting an embedded payonce (%s)%s", settings.embeddedMode().name().toLowerCase(Locale.ROOT),
                settings.gateway().kind() == EmbeddedService.Gateway.Kind.CHILD ? " and its sandbox gateway" : "");
        return EmbeddedService.start(new EmbeddedService.Options(settings.embeddedMode(), settings.autopayMs(),
                settings.database(), settings.out().resolve("service.log"), List.of(), settings.gateway()));
    }

    /** The service's and the gateway's CPU over the measured window, per measured request; null when neither was measured. */
    private static Summary.Processes processes(Optional<Duration> service, Optional<Duration> gateway, long requests) {
        if (service.isEmpty() && gateway.isEmpty()) {
            return null;
        }
        return new Summary.Processes(service.map(Bench::seconds).orElse(null),
                service.map(cpu -> round(cpu.toNanos() / 1e3 / Math.max(1, requests))).orElse(null),
                gateway.map(Bench::seconds).orElse(null),
                gateway.map(cpu -> round(cpu.toNanos() / 1e3 / Math.max(1, requests))).orElse(null));
    }

    private static double seconds(Duration duration) {
        return round(duration.toNanos() / 1e9);
    }

    /** Hoarders never pay, so every payment made at the gateway is a real buyer's purchase. */
    private static Summary.Hoarding hoarding(Hoarders.Report report, Journal journal) {
        return new Summary.Hoarding(report.hoarders(), report.orders(), report.units(), report.refusedReservationLimit(),
                report.refusedSoldOut(), report.otherAnswers(), journal.orders().size() - report.orders(), journal.paidAtGateway().size());
    }

    private Summary summary(Results.Snapshot snapshot, Results results, LoadRunner.RunStats stats, Audit.Result audit, Target target,
                            Instant startedAt, Summary.Hoarding hoarding, Summary.Processes processes, DatabaseSettings database) {
        double seconds = Math.max(1e-3, stats.measuredElapsed().toNanos() / 1e9);
        var plan = settings.plan();
        Summary.Load load = switch (plan.model()) {
            case LoadModel.Open open -> new Summary.Load("open", open.ratePerSecond(), null, secs(plan.rampUp()), secs(plan.warmup()),
                    round(seconds), stats.started(), stats.measuredStarted());
            case LoadModel.Closed closed -> new Summary.Load("closed", null, closed.users(), secs(plan.rampUp()), secs(plan.warmup()),
                    round(seconds), stats.started(), stats.measuredStarted());
        };
        return new Summary(Summary.SCHEMA_VERSION, settings.scenario(), target.baseUrl().toString(), startedAt.toString(), load,
                snapshot.requests(), round(snapshot.requests() / seconds),
                snapshot.requests() == 0 ? 0 : (double) snapshot.errors() / snapshot.requests(), snapshot.errors(),
                Latencies.of(snapshot.callLatencyMicros()), snapshot.iterationLatency(), snapshot.errorsByCause(),
                snapshot.expectedByCause(), snapshot.iterationFailures(), snapshot.ops(),
                snapshot.series().stream().map(Summary.Second::of).toList(),
                new Summary.Harness(snapshot.startLag(), stats.inFlightPeak(), plan.inFlightMax(), stats.unfinished(),
                        round(stats.cpuTime().toNanos() / 1e9), round(stats.cpuTime().toNanos() / 1e3 / Math.max(1, results.requests()))),
                Summary.AuditSummary.of(audit), hoarding, processes, database);
    }

    private Outcome write(Summary summary, Results.Snapshot snapshot, Journal journal) throws IOException {
        Path json = settings.out().resolve("summary.json");
        Path html = settings.out().resolve("report.html");
        Files.writeString(json, json(summary));
        Files.writeString(html, HtmlReport.render(summary, snapshot.callLatencyMicros()));
        if (!settings.quiet()) {
            System.out.print(TextReport.render(summary));
        }
        say("bench: wrote %s and %s", json, html);
        return new Outcome(summary, json, html, journal);
    }

    /** summary.json's text. */
    public static String json(Summary summary) {
        return JSON.writeValueAsString(summary) + "\n";
    }

    private void progress(long second, boolean warmingUp, Results.SecondSample sample, int inFlight, long started) {
        if (settings.quiet()) {
            return;
        }
        if (warmingUp) {
            say("[%4ds] warm-up   started %d  in flight %d", second, started, inFlight);
        } else {
            say("[%4ds] measuring %6d req/s  p50 %7s ms  p99 %7s ms  errors %5.2f%%  in flight %d", second, sample.requests(),
                    fmt(sample.latency().p50()), fmt(sample.latency().p99()),
                    sample.requests() == 0 ? 0.0 : 100.0 * sample.errors() / sample.requests(), inFlight);
        }
    }

    private void say(String format, Object... args) {
        err.println(String.format(Locale.ROOT, format, args));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static double secs(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
