package io.payonce.bench.results;

import java.util.Locale;
import java.util.Map;

import io.payonce.bench.audit.Check;
import io.payonce.bench.target.DatabaseSettings;

/** The table printed at the end of a run. */
public final class TextReport {

    private TextReport() {
    }

    public static String render(Summary summary) {
        StringBuilder out = new StringBuilder();
        Summary.Load load = summary.load();
        line(out, "scenario %s against %s (%s, %s)", summary.scenario(), summary.target(), load.model(),
                load.ratePerSec() != null ? fmt(load.ratePerSec()) + "/s offered" : load.users() + " users");
        line(out, "measured %.1f s after %.1f s warm-up: %d requests, %.1f/s, errors %.3f%%",
                load.measuredSec(), load.warmupSec(), summary.requests(), summary.throughputPerSec(), summary.errorRate() * 100);
        line(out, "");
        line(out, "%-22s %9s %8s %9s %9s %9s %9s %9s", "operation", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        summary.operations().forEach((op, stats) -> row(out, op, stats.requests(), stats.errors(), stats.latencyMs()));
        row(out, "all requests", summary.requests(), summary.errors(), summary.latencyMs());
        row(out, "iterations", summary.iterationLatencyMs().count(), 0, summary.iterationLatencyMs());
        counts(out, "errors by cause", summary.errorsByCause());
        counts(out, "expected outcomes (not errors)", summary.expectedByCause());
        counts(out, "iterations that failed in the harness", summary.iterationFailures());
        Summary.Harness harness = summary.harness();
        line(out, "");
        line(out, "harness: start lag p99 %s ms, max %s ms; in flight peak %d of %d; unfinished %d; cpu %s s (%s us/request)",
                fmt(harness.startLagMs().p99()), fmt(harness.startLagMs().max()), harness.inFlightPeak(), harness.inFlightMax(),
                harness.unfinished(), fmt(harness.cpuSeconds()), fmt(harness.cpuMicrosPerRequest()));
        if (summary.database() != null) {
            DatabaseSettings db = summary.database();
            line(out, "database: PostgreSQL %s, fsync %s, synchronous_commit %s (%s)", db.version(), db.fsync(),
                    db.synchronousCommit(), db.durable() ? "durable" : "NOT durable: an acknowledged commit may be lost");
        }
        if (summary.baseline() != null) {
            Summary.Baseline b = summary.baseline();
            line(out, "baseline: pgbench %s tx/s (%d clients, %s s, same database); payonce %s iterations/s; ratio %s",
                    fmt(b.pgbenchTps()), b.pgbenchClients(), fmt(b.pgbenchSeconds()), fmt(b.payonceIterationsPerSec()),
                    String.format(java.util.Locale.ROOT, "%.3f", b.ratio()));
        }
        if (summary.processes() != null) {
            Summary.Processes p = summary.processes();
            line(out, "service process: cpu %s s (%s us/request); sandbox gateway process: cpu %s s (%s us/request)",
                    orNone(p.serviceCpuSeconds()), orNone(p.serviceCpuMicrosPerRequest()), orNone(p.gatewayCpuSeconds()),
                    orNone(p.gatewayCpuMicrosPerRequest()));
        }
        line(out, "");
        if (summary.hoarding() != null) {
            Summary.Hoarding h = summary.hoarding();
            line(out, "hoarders: %d reserved %d units in %d orders, then heard reservation_limit %d times (sold_out %d, other %d)",
                    h.hoarders(), h.hoarderUnitsReserved(), h.hoarderOrders(), h.hoarderRefusedReservationLimit(),
                    h.hoarderRefusedSoldOut(), h.hoarderOtherAnswers());
            line(out, "real buyers: %d orders, %d purchases paid", h.realOrders(), h.realPurchasesPaid());
        }
        line(out, "audit: %s", summary.audit().passed() ? "PASSED" : "FAILED");
        for (Check check : summary.audit().invariants()) {
            line(out, "  %-4s %-42s checked %8d  violations %6d%s", check.note() != null ? "--" : check.passed() ? "ok" : "FAIL",
                    check.name(), check.checked(), check.violations(),
                    check.note() != null ? "  (" + check.note() + ")" : check.examples().isEmpty() ? "" : "  e.g. " + check.examples());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String op, long requests, long errors, Latencies l) {
        line(out, "%-22s %9d %8d %9s %9s %9s %9s %9s", op, requests, errors, fmt(l.p50()), fmt(l.p90()), fmt(l.p99()),
                fmt(l.p999()), fmt(l.max()));
    }

    private static void counts(StringBuilder out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        line(out, "");
        line(out, "%s:", title);
        counts.forEach((cause, count) -> line(out, "  %-50s %9d", cause, count));
    }

    /** A figure that may be missing (not measured): "-" then. */
    private static String orNone(Double value) {
        return value == null ? "-" : fmt(value);
    }

    static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
