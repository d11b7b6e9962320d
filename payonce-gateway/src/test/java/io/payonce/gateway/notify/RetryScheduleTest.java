package io.payonce.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    /** Alipay's real schedule: 4m, 10m, 10m, 1h, 2h, 6h, 15h. */
    private static final List<Duration> ALIPAY = List.of(Duration.ofMinutes(4), Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    private static NotificationFormat format(List<Duration> schedule) {
        return new NotificationFormat() {
            @Override
            public String channel() {
                return "alipay";
            }

            @Override
            public HttpRequest.Builder request(URI notifyUrl, Notice notice) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean acknowledged(int status, String body) {
                return false;
            }

            @Override
            public List<Duration> retrySchedule() {
                return schedule;
            }
        };
    }

    @Test
    void at_scale_one_the_real_schedule_runs_unchanged() {
        RetrySchedule schedule = RetrySchedule.of(format(ALIPAY), 1.0, List.of());

        assertThat(schedule.delays()).isEqualTo(ALIPAY);
        assertThat(schedule.attemptsMax()).isEqualTo(8);
    }

    @Test
    void a_scale_shrinks_each_wait_in_proportion() {
        RetrySchedule schedule = RetrySchedule.of(format(ALIPAY), 0.0005, List.of());

        assertThat(schedule.delays()).containsExactly(Duration.ofMillis(120), Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(1800), Duration.ofMillis(3600), Duration.ofMillis(10800), Duration.ofMillis(27000));
    }

    @Test
    void no_wait_scales_below_one_millisecond() {
        assertThat(RetrySchedule.of(format(List.of(Duration.ofSeconds(1))), 0.000001, List.of()).delays())
                .containsExactly(Duration.ofMillis(1));
    }

    @Test
    void set_delays_replace_the_formats_schedule_and_its_length() {
        RetrySchedule schedule = RetrySchedule.of(format(ALIPAY), 0.5, List.of(Duration.ofMillis(40), Duration.ofMillis(50)));

        assertThat(schedule.delays()).containsExactly(Duration.ofMillis(40), Duration.ofMillis(50));
        assertThat(schedule.attemptsMax()).isEqualTo(3);
    }

    @Test
    void the_wait_after_each_attempt_then_none_after_the_last() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMillis(40), Duration.ofMillis(50)));

        assertThat(schedule.afterAttempt(1)).isEqualTo(Duration.ofMillis(40));
        assertThat(schedule.afterAttempt(2)).isEqualTo(Duration.ofMillis(50));
        assertThat(schedule.afterAttempt(3)).isNull();
        assertThat(schedule.afterAttempt(0)).isNull();
    }
}
