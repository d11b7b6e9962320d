package io.payonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The load plan's and models' bounds, each exactly at its limit and one step past it. */
class LoadPlanTest {

    private static final LoadModel MODEL = new LoadModel.Closed(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void a_run_of_exactly_thirty_minutes_is_planned_and_one_nanosecond_more_is_refused() {
        assertThat(plan(Duration.ofMinutes(30), 0, 1).scheduleEnd()).isEqualTo(Duration.ofMinutes(31));
        assertThatThrownBy(() -> plan(Duration.ofMinutes(30).plusNanos(1), 0, 1))
                .hasMessage("--duration must be 1 to 1800 seconds");
    }

    @Test
    void a_zero_or_negative_duration_is_refused() {
        assertThatThrownBy(() -> plan(Duration.ZERO, 0, 1)).hasMessage("--duration must be 1 to 1800 seconds");
        assertThatThrownBy(() -> plan(Duration.ofNanos(-1), 0, 1)).hasMessage("--duration must be 1 to 1800 seconds");
        assertThat(plan(Duration.ofNanos(1), 0, 1).duration()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void a_run_bounded_by_one_request_is_planned_and_by_none_is_refused() {
        assertThat(plan(null, 1, 1).scheduleEnd()).as("warm-up plus the longest run").isEqualTo(Duration.ofMinutes(31));
        assertThatThrownBy(() -> plan(null, 0, 1)).hasMessage("give --duration or --requests");
        assertThatThrownBy(() -> plan(null, -1, 1)).hasMessage("give --duration or --requests");
    }

    @Test
    void in_flight_from_1_to_100000_is_planned_and_0_or_100001_is_refused() {
        assertThat(plan(MINUTE, 0, 1).inFlightMax()).isEqualTo(1);
        assertThat(plan(MINUTE, 0, 100_000).inFlightMax()).isEqualTo(100_000);
        assertThatThrownBy(() -> plan(MINUTE, 0, 0)).hasMessage("--in-flight-max must be 1 to 100000, got 0");
        assertThatThrownBy(() -> plan(MINUTE, 0, 100_001)).hasMessage("--in-flight-max must be 1 to 100000, got 100001");
    }

    @Test
    void a_zero_ramp_and_warm_up_are_planned_and_negative_ones_refused() {
        assertThat(new LoadPlan(MODEL, Duration.ZERO, Duration.ZERO, MINUTE, 0, 1, MINUTE, MINUTE).scheduleEnd()).isEqualTo(MINUTE);
        assertThatThrownBy(() -> new LoadPlan(MODEL, Duration.ofNanos(-1), Duration.ZERO, MINUTE, 0, 1, MINUTE, MINUTE))
                .hasMessage("--ramp-up and --warmup cannot be negative");
        assertThatThrownBy(() -> new LoadPlan(MODEL, Duration.ZERO, Duration.ofNanos(-1), MINUTE, 0, 1, MINUTE, MINUTE))
                .hasMessage("--ramp-up and --warmup cannot be negative");
    }

    @Test
    void an_open_rate_above_zero_up_to_a_million_is_accepted_and_beyond_either_end_refused() {
        assertThat(new LoadModel.Open(Double.MIN_VALUE).ratePerSecond()).isPositive();
        assertThat(new LoadModel.Open(1_000_000).ratePerSecond()).isEqualTo(1_000_000);
        for (double rate : new double[] {0, -1, Double.NaN, Math.nextUp(1_000_000.0)}) {
            assertThatThrownBy(() -> new LoadModel.Open(rate)).as("rate %s", rate)
                    .hasMessageStartingWith("--rate must be between 0 (exclusive) and 1000000");
        }
    }

    @Test
    void closed_users_from_1_to_10000_are_accepted_and_0_or_10001_refused() {
        assertThat(new LoadModel.Closed(1).users()).isEqualTo(1);
        assertThat(new LoadModel.Closed(10_000).users()).isEqualTo(10_000);
        assertThatThrownBy(() -> new LoadModel.Closed(0)).hasMessage("--users must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> new LoadModel.Closed(10_001)).hasMessage("--users must be between 1 and 10000, got 10001");
    }

    /** A plan with a one-minute warm-up, so the schedule's end shows which bound was used. */
    private static LoadPlan plan(Duration duration, long requests, int inFlightMax) {
        return new LoadPlan(MODEL, Duration.ZERO, MINUTE, duration, requests, inFlightMax, MINUTE, MINUTE);
    }
}
