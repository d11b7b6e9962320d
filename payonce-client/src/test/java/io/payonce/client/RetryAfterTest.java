package io.payonce.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void delay_seconds_are_read_as_seconds() {
        assertThat(RetryAfter.parse("540", NOW)).isEqualTo(Duration.ofSeconds(540));
        assertThat(RetryAfter.parse(" 1 ", NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void an_http_date_is_the_time_until_it() {
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 12:00:07 GMT", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void an_http_date_in_the_past_or_now_is_no_wait() {
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 11:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 12:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void absent_or_unreadable_headers_are_null() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("  ", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
    }

    @Test
    void a_number_too_long_for_a_long_is_an_endless_wait_not_an_error() {
        assertThat(RetryAfter.parse("9".repeat(18), NOW)).isEqualTo(Duration.ofSeconds(999_999_999_999_999_999L));
        assertThat(RetryAfter.parse("9".repeat(19), NOW)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
        assertThat(RetryAfter.parse("9".repeat(40), NOW)).isGreaterThan(Duration.ofDays(365));
    }
}
