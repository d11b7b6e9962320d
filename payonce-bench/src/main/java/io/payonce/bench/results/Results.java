package io.payonce.bench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.payonce.bench.load.Reply.Outcome;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything measured during a run, written by many virtual threads at once without locks
 * (HdrHistogram recorders, adders), and read once a second by the sampler that builds the
 * time series. Only measured (post-warm-up) calls are recorded here.
 */
public final class Results {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Recorder calls = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram callsTotal = Latencies.newHistogram();
    private final Recorder iterations = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder startLag = new Recorder(HIGHEST_MICROS, 3);
    private final Map<String, OpStats> ops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> iterationFailures = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder requestsAll = new LongAdder();
    private final LongAdder errorCount = new LongAdder();
    private final List<SecondSample> series = new ArrayList<>();
    private long lastRequests;
    private long lastErrors;

    /** One operation's latencies and counts. */
    private record OpStats(Recorder latency, LongAdder count, LongAdder errorCount) {
        OpStats() {
            this(new Recorder(HIGHEST_MICROS, 3), new LongAdder(), new LongAdder());
        }
    }

    public void recordCall(String op, long latencyNanos, Outcome outcome, String cause) {
        long micros = clampMicros(latencyNanos);
        calls.recordValue(micros);
        requests.increment();
        OpStats stats = ops.computeIfAbsent(op, name -> new OpStats());
        stats.latency().recordValue(micros);
        stats.count().increment();
        switch (outcome) {
            case OK -> { }
            case EXPECTED -> expected.computeIfAbsent(op + " " + cause, key -> new LongAdder()).increment();
            case ERROR -> {
                errorCount.increment();
                stats.errorCount().increment();
                errors.computeIfAbsent(op + " " + cause, key -> new LongAdder()).increment();
            }
        }
    }

    /** Every load call, warm-up included: the denominator of the harness's CPU cost per request. */
    public void countSent() {
        requestsAll.increment();
    }

    public long requestsAll() {
        return requestsAll.sum();
    }

    public void recordIteration(long latencyNanos) {
        iterations.recordValue(clampMicros(latencyNanos));
    }

    /** How late the harness started an iteration against its schedule: its own health. */
    public void recordStartLag(long lagNanos) {
        startLag.recordValue(clampMicros(lagNanos));
    }

    /** An iteration that threw instead of finishing its calls: a harness or protocol surprise. */
    public void recordIterationFailure(String cause) {
        iterationFailures.computeIfAbsent(cause, key -> new LongAdder()).increment();
    }

    /** Closes one second of the time series; called by the sampler once a second. */
    public synchronized SecondSample sample(int second) {
        Histogram interval = calls.getIntervalHistogram();
        callsTotal.add(interval);
        long requestsNow = requests.sum();
        long errorsNow = errorCount.sum();
        SecondSample sample = new SecondSample(second, requestsNow - lastRequests, errorsNow - lastErrors,
                Latencies.of(interval));
        lastRequests = requestsNow;
        lastErrors = errorsNow;
        series.add(sample);
        return sample;
    }

    /** The final picture; call after the last sample. */
    public synchronized Snapshot snapshot() {
        callsTotal.add(calls.getIntervalHistogram());
        Map<String, OpSummary> opSummaries = new TreeMap<>();
        ops.forEach((name, stats) -> opSummaries.put(name,
                new OpSummary(stats.count().sum(), stats.errorCount().sum(), Latencies.of(stats.latency().getIntervalHistogram()))));
        return new Snapshot(requests.sum(), errorCount.sum(), callsTotal.copy(), Latencies.of(iterations.getIntervalHistogram()),
                Latencies.of(startLag.getIntervalHistogram()), opSummaries, sorted(errors), sorted(expected),
                sorted(iterationFailures), List.copyOf(series));
    }

    public long requests() {
        return requests.sum();
    }

    public long errors() {
        return errorCount.sum();
    }

    private static long clampMicros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counters) {
        Map<String, Long> result = new TreeMap<>();
        counters.forEach((key, adder) -> result.put(key, adder.sum()));
        return result;
    }

    /** One second of the run: requests completed in it, errors, and their latencies. */
    public record SecondSample(int second, long requests, long errors, Latencies latency) {
    }

    /** One operation's totals. */
    public record OpSummary(long requests, long errors, Latencies latencyMs) {
    }

    /** All results at the end of a run. */
    public record Snapshot(long requests, long errors, Histogram callLatencyMicros, Latencies iterationLatency,
                           Latencies startLag, Map<String, OpSummary> ops, Map<String, Long> errorsByCause,
                           Map<String, Long> expectedByCause, Map<String, Long> iterationFailures,
                           List<SecondSample> series) {
    }
}
