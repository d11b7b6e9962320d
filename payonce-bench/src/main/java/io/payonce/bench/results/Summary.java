package io.payonce.bench.results;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.payonce.bench.audit.Audit;
import io.payonce.bench.audit.Check;
import io.payonce.bench.target.DatabaseSettings;

/**
 * summary.json, schema version 1. Field names are a contract (CI jobs and comparisons read them):
 * add fields, never rename or remove one. Latencies are milliseconds; rates are per second.
 */
public record Summary(
        int schemaVersion,
        String scenario,
        String target,
        String startedAt,
        Load load,
        long requests,
        double throughputPerSec,
        double errorRate,
        long errors,
        Latencies latencyMs,
        Latencies iterationLatencyMs,
        Map<String, Long> errorsByCause,
        Map<String, Long> expectedByCause,
        Map<String, Long> iterationFailures,
        Map<String, Results.OpSummary> operations,
        List<Second> timeSeries,
        Harness harness,
        AuditSummary audit,
        @JsonInclude(JsonInclude.Include.NON_NULL) Hoarding hoarding,
        @JsonInclude(JsonInclude.Include.NON_NULL) Processes processes,
        @JsonInclude(JsonInclude.Include.NON_NULL) DatabaseSettings database,
        @JsonInclude(JsonInclude.Include.NON_NULL) Baseline baseline) {

    public static final int SCHEMA_VERSION = 1;

    /** A summary of a run without {@code --hoarders}. */
    public Summary(int schemaVersion, String scenario, String target, String startedAt, Load load, long requests,
                   double throughputPerSec, double errorRate, long errors, Latencies latencyMs, Latencies iterationLatencyMs,
                   Map<String, Long> errorsByCause, Map<String, Long> expectedByCause, Map<String, Long> iterationFailures,
                   Map<String, Results.OpSummary> operations, List<Second> timeSeries, Harness harness, AuditSummary audit) {
        this(schemaVersion, scenario, target, startedAt, load, requests, throughputPerSec, errorRate, errors, latencyMs,
                iterationLatencyMs, errorsByCause, expectedByCause, iterationFailures, operations, timeSeries, harness, audit, null, null,
                null, null);
    }

    /** A summary without a pgbench baseline. */
    public Summary(int schemaVersion, String scenario, String target, String startedAt, Load load, long requests,
                   double throughputPerSec, double errorRate, long errors, Latencies latencyMs, Latencies iterationLatencyMs,
                   Map<String, Long> errorsByCause, Map<String, Long> expectedByCause, Map<String, Long> iterationFailures,
                   Map<String, Results.OpSummary> operations, List<Second> timeSeries, Harness harness, AuditSummary audit,
                   Hoarding hoarding, Processes processes, DatabaseSettings database) {
        this(schemaVersion, scenario, target, startedAt, load, requests, throughputPerSec, errorRate, errors, latencyMs,
                iterationLatencyMs, errorsByCause, expectedByCause, iterationFailures, operations, timeSeries, harness, audit, hoarding,
                processes, database, null);
    }

    /** This summary with the pgbench run made beside it. */
    public Summary withBaseline(Baseline measured) {
        return new Summary(schemaVersion, scenario, target, startedAt, load, requests, throughputPerSec, errorRate, errors, latencyMs,
                iterationLatencyMs, errorsByCause, expectedByCause, iterationFailures, operations, timeSeries, harness, audit, hoarding,
                processes, database, measured);
    }

    /**
     * {@code --baseline}: pgbench running one payment's SQL (an idempotency row, an order update, a
     * ledger row) on the same database right after the load, and payonce's completed iterations per
     * second over pgbench's transactions per second. Every figure in BENCHMARKS.md is this ratio.
     */
    public record Baseline(int pgbenchClients, double pgbenchSeconds, double pgbenchTps, double payonceIterationsPerSec,
                           double ratio, String pgbenchCommand) {
    }

    /**
     * The CPU the service's and the sandbox gateway's own processes spent during the load, when the
     * bench started them as processes (null where it did not, or could not measure: a gateway
     * killed and restarted mid-load), per request the harness sent: what a request costs the
     * service apart from the gateway playing Alipay and WeChat Pay for it.
     */
    public record Processes(Double serviceCpuSeconds, Double serviceCpuMicrosPerRequest, Double gatewayCpuSeconds,
                            Double gatewayCpuMicrosPerRequest) {
    }

    /**
     * {@code --hoarders} (issue 13): what the hoarders got, and whether real buyers still bought.
     * Counts are of the whole run, warm-up included. {@code realOrders} are the orders the service
     * acknowledged to the scenario's buyers, {@code realPurchasesPaid} those they paid at the gateway.
     */
    public record Hoarding(int hoarders, long hoarderOrders, long hoarderUnitsReserved, long hoarderRefusedReservationLimit,
                           long hoarderRefusedSoldOut, long hoarderOtherAnswers, long realOrders, long realPurchasesPaid) {
    }

    /** What load was offered. {@code ratePerSec} for the open model, {@code users} for the closed one. */
    public record Load(String model, Double ratePerSec, Integer users, double rampUpSec, double warmupSec,
                       double measuredSec, long iterations, long measuredIterations) {
    }

    /** One second of the measured run. */
    public record Second(int second, long requests, long errors, double p50, double p90, double p99, double max) {
        public static Second of(Results.SecondSample sample) {
            Latencies l = sample.latency();
            return new Second(sample.second(), sample.requests(), sample.errors(), l.p50(), l.p90(), l.p99(), l.max());
        }
    }

    /**
     * The harness's own health: how late it started iterations against the schedule (a large lag
     * means the harness, not the service, was the bottleneck), peak concurrency, iterations
     * still running when the drain timeout ended the run, and the CPU the harness process spent
     * during the load (with an in-process service this includes the service's).
     */
    public record Harness(Latencies startLagMs, int inFlightPeak, int inFlightMax, long unfinished,
                          double cpuSeconds, double cpuMicrosPerRequest) {
    }

    /** The audit's verdict, one entry per invariant. */
    public record AuditSummary(boolean passed, List<Check> invariants) {
        public static AuditSummary of(Audit.Result result) {
            return new AuditSummary(result.passed(), result.invariants());
        }
    }
}
