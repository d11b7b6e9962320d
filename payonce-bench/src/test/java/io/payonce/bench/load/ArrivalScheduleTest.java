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

    @Test
    void expected_arrivals_grow_with_the_square_of_time_during_the_ramp_and_linearly_after_it() {
        ArrivalSchedule schedule = new ArrivalSchedule(1000, 10);

        assertThat(schedule.arrivalsBy(0)).isZero();
        assertThat(schedule.arrivalsBy(1)).isEqualTo(50.0);
        assertThat(schedule.arrivalsBy(4)).isEqualTo(800.0);
        assertThat(schedule.arrivalsBy(10)).isEqualTo(5000.0);
        assertThat(schedule.arrivalsBy(12)).isEqualTo(7000.0);
    }

    @Test
    void nothing_is_due_before_the_start() {
        assertThat(new ArrivalSchedule(100, 0).dueBefore(0)).isZero();
        assertThat(new ArrivalSchedule(1000, 10).dueBefore(0)).isZero();
    }

    /**
     * At 100/s the closed form rounds up to 8 arrivals by 70 ms and to 201 by 2.01 s, while the truncated
     * offsets put 7 and 202 strictly before those instants: the offsets must win both ways.
     */
    @Test
    void due_before_counts_exactly_the_offsets_before_it_where_floating_point_rounds_the_closed_form_either_way() {
        for (ArrivalSchedule schedule : new ArrivalSchedule[] {new ArrivalSchedule(100, 0), new ArrivalSchedule(1000, 10)}) {
            long[] offsets = new long[20_000];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = schedule.offsetNanos(i);
            }
            for (long nanos = 0; nanos <= 11 * SECOND; nanos += SECOND / 100) {
                for (long at : new long[] {nanos, nanos + 1}) {
                    assertThat(schedule.dueBefore(at)).as("due before %d ns", at).isEqualTo(countBefore(offsets, at));
                }
            }
        }
    }

    /**
     * The largest plan: a million per second for thirty minutes. The offsets only correct the
     * closed form's rounding, a step or two; a correction that walked from zero instead would
     * take billions of steps here (PIT counts that mutant killed by its timeout).
     */
    @Test
    void at_the_largest_plan_the_count_sits_exactly_between_two_offsets() {
        ArrivalSchedule schedule = new ArrivalSchedule(1_000_000, 0);
        long end = 30 * 60 * SECOND;

        long due = schedule.dueBefore(end);

        assertThat(due).isBetween(1_799_999_999L, 1_800_000_001L);
        assertThat(schedule.offsetNanos(due - 1)).isLessThan(end);
        assertThat(schedule.offsetNanos(due)).isGreaterThanOrEqualTo(end);
    }

    private static long countBefore(long[] offsets, long nanos) {
        long count = 0;
        while (offsets[(int) count] < nanos) {
            count++;
        }
        return count;
    }
}
