package io.payonce.bench.load;

import java.time.Duration;

/**
 * When and how much load runs. The run lasts {@code warmup + duration} (or until {@code requests}
 * measured iterations have started); only iterations scheduled after the warm-up are measured.
 * The ramp-up counts from the very start, so a ramp shorter than the warm-up is never measured.
 *
 * @param duration        measured time; null when {@code requests} bounds the run instead
 * @param requests        measured iterations to start; 0 when the duration bounds the run
 * @param inFlightMax     iterations running at once, at most: the harness's memory and socket bound
 * @param requestTimeout  one HTTP exchange, at most; past it the call counts as a timeout
 * @param drainTimeout    how long iterations still running at the end may take to finish
 */
public record LoadPlan(LoadModel model, Duration rampUp, Duration warmup, Duration duration, long requests,
                       int inFlightMax, Duration requestTimeout, Duration drainTimeout) {

    /** Thirty minutes: a bench run longer than that belongs in a soak test with its own tooling. */
    public static final Duration DURATION_MAX = Duration.ofMinutes(30);

    public LoadPlan {
        if (duration == null && requests <= 0) {
            throw new IllegalArgumentException("give --duration or --requests");
        }
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.compareTo(DURATION_MAX) > 0)) {
            throw new IllegalArgumentException("--duration must be 1 to " + DURATION_MAX.toSeconds() + " seconds");
        }
        if (rampUp.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("--ramp-up and --warmup cannot be negative");
        }
        if (inFlightMax < 1 || inFlightMax > 100_000) {
            throw new IllegalArgumentException("--in-flight-max must be 1 to 100000, got " + inFlightMax);
        }
    }

    /** When no more iterations start, counted from the start, if the duration bounds the run. */
    public Duration scheduleEnd() {
        return duration == null ? warmup.plus(DURATION_MAX) : warmup.plus(duration);
    }
}
