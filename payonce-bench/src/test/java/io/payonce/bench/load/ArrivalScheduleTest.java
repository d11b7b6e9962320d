package io.payonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void without_ramp_iterations_are_evenly_spaced_at_the_rate() {
        ArrivalSchedule schedule = new ArrivalSchedule(100, 0);

        assertThat(schedule.offsetNanos(0)).isZero();
        assertThat(schedule.offsetNanos(1)).isEqualTo(SECOND / 100);
        assertThat(schedule.offsetNanos(100)).isEqualTo(SECOND);
        assertThat(schedule.offsetNanos(250)).isEqualTo(5 * SECOND / 2);
    }

    @Test
    void a_linear_ramp_delivers_half_the_full_rate_arrivals_over_its_length() {
        ArrivalSchedule schedule = new ArrivalSchedule(1000, 10);

        // Rate climbs 0 -> 1000/s over 10 s: the triangle holds 5000 arrivals.
        assertThat(schedule.dueBefore(10 * SECOND)).isEqualTo(5000);
        // After 1 s of the ramp: 1000 * 1^2 / (2 * 10) = 50 arrivals.
        assertThat(schedule.dueBefore(SECOND)).isEqualTo(50);
        // After the ramp the full rate holds.
        assertThat(schedule.dueBefore(11 * SECOND) - schedule.dueBefore(10 * SECOND)).isEqualTo(1000);
    }

    @Test
    void offsets_never_go_backwards_and_due_before_inverts_them() {
        ArrivalSchedule schedule = new ArrivalSchedule(337.5, 3.25);
        SplittableRandom random = new SplittableRandom(42);
        long previous = -1;
        for (long i = 0; i < 5000; i++) {
            long offset = schedule.offsetNanos(i);
            assertThat(offset).isGreaterThanOrEqualTo(previous);
            previous = offset;
        }
        for (int n = 0; n < 200; n++) {
            long i = random.nextLong(100_000);
            long offset = schedule.offsetNanos(i);
            assertThat(schedule.dueBefore(offset)).as("iterations due strictly before iteration %d", i).isLessThanOrEqualTo(i);
            assertThat(schedule.dueBefore(offset + 1)).as("iterations due up to iteration %d", i).isGreaterThan(i);
        }
    }
}
