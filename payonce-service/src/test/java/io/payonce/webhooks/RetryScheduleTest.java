package io.payonce.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0.1);

    @Test
    void the_default_schedule_backs_off_over_about_a_day_in_twelve_attempts() {
        assertThat(schedule.attemptsMax()).isEqualTo(12);
        assertThat(schedule.span()).isEqualTo(Duration.ofHours(23).plusMinutes(51).plusSeconds(40));
        assertThat(schedule.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(11, 0.5)).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void after_the_last_attempt_there_is_no_delay() {
        assertThat(schedule.delayAfter(12, 0.5)).isNull();
        assertThat(schedule.delayAfter(13, 0.5)).isNull();
    }

    @Test
    void jitter_stretches_or_shrinks_a_delay_by_at_most_its_fraction() {
        assertThat(schedule.delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(9));
        assertThat(schedule.delayAfter(1, 1.0)).isEqualTo(Duration.ofSeconds(11));
        assertThat(schedule.delayAfter(1, 0.75)).isEqualTo(Duration.ofMillis(10_500));
        assertThat(new RetrySchedule(List.of(Duration.ofSeconds(10)), 0).delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new RetrySchedule(List.of(Duration.ofSeconds(10)), 0.5).delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(new RetrySchedule(List.of(Duration.ofMillis(3)), 0.5).delayAfter(1, 0.0)).as("rounded").isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void a_delay_follows_a_failed_attempt_only() {
        assertThatThrownBy(() -> schedule.delayAfter(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_bad_schedule_stops_start_up_naming_the_setting() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), 0)).hasMessageContaining("payonce.webhooks.retry-delays");
        assertThatThrownBy(() -> new RetrySchedule(Collections.nCopies(51, Duration.ofSeconds(1)), 0))
                .hasMessageContaining("payonce.webhooks.retry-delays");
        assertThat(new RetrySchedule(Collections.nCopies(50, Duration.ofSeconds(1)), 0).attemptsMax()).isEqualTo(51);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(-1)), 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(1)), -0.01)).hasMessageContaining("retry-jitter");
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(1)), 0.51)).hasMessageContaining("retry-jitter");
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(1)), Double.NaN)).hasMessageContaining("retry-jitter");
        assertThat(new RetrySchedule(List.of(Duration.ofSeconds(1)), 0.5).attemptsMax()).isEqualTo(2);
    }
}
