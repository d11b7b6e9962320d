package io.payonce.bench.load;

/**
 * The intended start of each iteration of an open model: the rate climbs linearly from zero to
 * {@code rate} over the ramp-up, then holds. Iteration {@code i} starts when the expected number
 * of arrivals so far reaches {@code i}, so the schedule is exact, never drifts, and catches up
 * after a stall instead of shifting every later start.
 */
public final class ArrivalSchedule {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerSecond;
    private final double rampUpSeconds;
    /** Arrivals during the ramp: the area of the triangle under the rate line. */
    private final double rampArrivals;

    public ArrivalSchedule(double ratePerSecond, double rampUpSeconds) {
        this.ratePerSecond = ratePerSecond;
        this.rampUpSeconds = rampUpSeconds;
        this.rampArrivals = ratePerSecond * rampUpSeconds / 2;
    }

    /** Nanoseconds from the start at which iteration {@code i} (0-based) is due. */
    public long offsetNanos(long i) {
        double seconds;
        if (i < rampArrivals) {
            // Cumulative arrivals during the ramp are rate * t^2 / (2 * ramp); solved for t.
            seconds = Math.sqrt(2 * rampUpSeconds * i / ratePerSecond);
        } else {
            seconds = rampUpSeconds + (i - rampArrivals) / ratePerSecond;
        }
        return (long) (seconds * NANOS_PER_SECOND);
    }

    /** How many iterations are due strictly before {@code nanos} from the start. */
    public long dueBefore(long nanos) {
        long count = (long) Math.ceil(arrivalsBy(nanos / NANOS_PER_SECOND));
        // Floating point may put the boundary iteration on either side; the offsets decide.
        while (count > 0 && offsetNanos(count - 1) >= nanos) {
            count--;
        }
        while (offsetNanos(count) < nanos) {
            count++;
        }
        return count;
    }

    /** Arrivals expected {@code seconds} after the start: the area under the rate line so far. */
    double arrivalsBy(double seconds) {
        return seconds < rampUpSeconds
                ? ratePerSecond * seconds * seconds / (2 * rampUpSeconds)
                : rampArrivals + (seconds - rampUpSeconds) * ratePerSecond;
    }
}
