package io.payonce.bench.results;

import org.HdrHistogram.Histogram;

/** Percentiles of one histogram in milliseconds, as summary.json and the table show them. */
public record Latencies(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    /** Microsecond resolution up to one hour, three significant digits (0.1% error). */
    public static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    public static Latencies of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latencies(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latencies(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()), Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
