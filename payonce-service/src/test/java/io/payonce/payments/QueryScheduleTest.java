package io.payonce.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The janitor's backoff schedule: 5 s or 60 s first, then 30 s, 2 min, 10 min, then hourly, up to a limit. */
class QueryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final QuerySchedule schedule = new QuerySchedule(Duration.ofSeconds(5), Duration.ofSeconds(60),
            List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1)), 50,
            Duration.ofSeconds(30));

    @Test
    void a_lost_answer_is_asked_about_after_five_seconds_and_an_opening_trade_after_a_minute() {
        assertThat(schedule.firstAfterLostAnswer(NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(schedule.firstAfterOpening(NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({"0, 30", "1, 30", "2, 120", "3, 600", "4, 3600", "5, 3600", "49, 3600", "50, 3600", "1000, 3600"})
    void after_each_inconclusive_answer_the_next_question_backs_off_and_the_last_delay_repeats(int attempts, long seconds) {
        assertThat(schedule.next(NOW, attempts)).isEqualTo(NOW.plusSeconds(seconds));
    }

    @Test
    void the_limit_is_reached_exactly_once() {
        assertThat(schedule.limitReachedAt(49)).isFalse();
        assertThat(schedule.limitReachedAt(50)).isTrue();
        assertThat(schedule.limitReachedAt(51)).isFalse();
    }

    @Test
    void an_unpaid_order_is_asked_about_thirty_seconds_before_it_expires_when_the_schedule_would_ask_later() {
        Instant expiresAt = NOW.plus(Duration.ofMinutes(5));

        assertThat(schedule.next(NOW, 3, expiresAt)).as("10 min would be after the expiry").isEqualTo(expiresAt.minusSeconds(30));
        assertThat(schedule.next(NOW, 1, expiresAt)).as("30 s comes first").isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void the_last_chance_is_never_in_the_past_nor_now() {
        Instant expiresAt = NOW.plusSeconds(30);

        assertThat(schedule.next(NOW, 3, expiresAt)).as("the last chance is now: the schedule decides").isEqualTo(NOW.plusSeconds(600));
        assertThat(schedule.next(NOW, 3, NOW.plusSeconds(10))).isEqualTo(NOW.plusSeconds(600));
        assertThat(schedule.next(NOW, 3, NOW.plusSeconds(31))).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void the_last_chance_equal_to_the_scheduled_time_changes_nothing() {
        assertThat(schedule.next(NOW, 1, NOW.plusSeconds(60))).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void a_schedule_without_delays_or_attempts_or_with_a_zero_delay_is_refused() {
        assertThatThrownBy(() -> new QuerySchedule(Duration.ofSeconds(5), Duration.ofSeconds(60), List.of(), 5, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuerySchedule(Duration.ofSeconds(5), Duration.ofSeconds(60), List.of(Duration.ofSeconds(1)), 0,
                Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuerySchedule(Duration.ofSeconds(5), Duration.ofSeconds(60),
                List.of(Duration.ofSeconds(1), Duration.ZERO), 5, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payonce.janitor.query-backoff");
        assertThatThrownBy(() -> new QuerySchedule(Duration.ofSeconds(5), Duration.ofSeconds(60),
                List.of(Duration.ofSeconds(-1)), 5, Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_schedule_of_one_attempt_reaches_its_limit_at_the_first_answer() {
        QuerySchedule once = new QuerySchedule(Duration.ofSeconds(5), Duration.ofSeconds(60), List.of(Duration.ofSeconds(7)), 1,
                Duration.ofSeconds(30));
        assertThat(once.limitReachedAt(1)).isTrue();
        assertThat(once.next(NOW, 1)).isEqualTo(NOW.plusSeconds(7));
    }
}
