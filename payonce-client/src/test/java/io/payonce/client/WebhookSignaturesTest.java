package io.payonce.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String BODY = "{\"type\":\"order.paid\",\"orderId\":\"ord_1\"}";
    private static final long T = 1_795_428_930L;
    private static final Clock AT_T = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static boolean verify(String header) {
        return WebhookSignatures.verify(SECRET, header, BODY, FIVE_MINUTES, AT_T);
    }

    @Test
    void the_header_payonce_sends_verifies() {
        assertThat(verify(WebhookSignatures.header(SECRET, T, BODY))).isTrue();
    }

    @Test
    void a_known_vector_matches_hmac_sha256_over_timestamp_dot_body() {
        // printf '%s' '1795428930.{"type":"order.paid","orderId":"ord_1"}' | openssl dgst -sha256 -hmac whsec_test_secret
        assertThat(WebhookSignatures.header(SECRET, T, BODY))
                .isEqualTo("t=1795428930,v1=c4148d32382b11f15c9e951e607a8f657d309e7059a4a3c25153ae9be604cca0");
    }

    @Test
    void another_body_secret_or_timestamp_fails() {
        String header = WebhookSignatures.header(SECRET, T, BODY);
        assertThat(WebhookSignatures.verify(SECRET, header, BODY + " ", FIVE_MINUTES, AT_T)).isFalse();
        assertThat(WebhookSignatures.verify("other", header, BODY, FIVE_MINUTES, AT_T)).isFalse();
        assertThat(verify(header.replace("t=" + T, "t=" + (T + 1)))).isFalse();
    }

    @Test
    void the_timestamp_must_be_within_the_tolerance_either_way() {
        long tolerance = FIVE_MINUTES.toSeconds();
        assertThat(verify(WebhookSignatures.header(SECRET, T - tolerance, BODY))).isTrue();
        assertThat(verify(WebhookSignatures.header(SECRET, T + tolerance, BODY))).isTrue();
        assertThat(verify(WebhookSignatures.header(SECRET, T - tolerance - 1, BODY))).isFalse();
        assertThat(verify(WebhookSignatures.header(SECRET, T + tolerance + 1, BODY))).isFalse();
    }

    @Test
    void one_matching_signature_among_several_is_enough() {
        String good = WebhookSignatures.header(SECRET, T, BODY);
        String v1 = good.substring(good.indexOf("v1="));
        assertThat(verify("t=" + T + ",v1=" + "00".repeat(32) + "," + v1)).isTrue();
        assertThat(verify("t=" + T + "," + v1 + ",v1=" + "00".repeat(32))).isTrue();
        assertThat(verify("t=" + T + ", " + v1 + " ,v0=ab")).isTrue();
    }

    @Test
    void malformed_headers_fail_without_an_exception() {
        String good = WebhookSignatures.header(SECRET, T, BODY);
        String v1 = good.substring(good.indexOf("v1="));
        assertThat(verify(null)).isFalse();
        assertThat(verify("")).isFalse();
        assertThat(verify(v1)).as("no timestamp").isFalse();
        assertThat(verify("t=" + T)).as("no signature").isFalse();
        assertThat(verify("t=" + T + ",v1=zz")).as("not hex").isFalse();
        assertThat(verify("t=" + T + ",v1=")).isFalse();
        assertThat(verify("t=abc," + v1)).isFalse();
        assertThat(verify("t=-" + T + "," + v1)).isFalse();
        assertThat(verify("t=1234567890123," + v1)).as("13 digits").isFalse();
        assertThat(verify("t=" + T + ",t=" + T + "," + v1)).as("two timestamps").isFalse();
        assertThat(verify("t=" + T + "," + v1 + ",garbage")).isFalse();
        assertThat(verify("t=" + T + "," + v1 + ",=x")).as("a part without a name").isFalse();
    }

    @Test
    void only_v1_values_count_as_signatures() {
        String good = WebhookSignatures.header(SECRET, T, BODY);
        assertThat(verify(good.replace("v1=", "v0="))).isFalse();
        assertThat(verify(good.replace("v1=", "v2="))).isFalse();
    }

    @Test
    void upper_case_hex_is_read_too() {
        String good = WebhookSignatures.header(SECRET, T, BODY);
        String v1 = good.substring(good.indexOf("v1=") + 3);
        assertThat(verify("t=" + T + ",v1=" + v1.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(verify("t=" + T + ",v1=" + v1.substring(2))).as("a signature cut short").isFalse();
        assertThat(verify("t=" + T + ",v1=" + v1 + "00")).as("a signature too long").isFalse();
    }

    @Test
    void a_header_is_bounded_in_length() {
        String good = WebhookSignatures.header(SECRET, T, BODY);
        String atLimit = good + ",v0=" + "a".repeat(WebhookSignatures.HEADER_LENGTH_MAX - good.length() - 4);
        assertThat(atLimit).hasSize(WebhookSignatures.HEADER_LENGTH_MAX);
        assertThat(verify(atLimit)).isTrue();
        assertThat(verify(atLimit + "a")).isFalse();
    }

    @Test
    void twelve_digit_timestamps_are_read() {
        Clock far = Clock.fixed(Instant.ofEpochSecond(999_999_999_999L), ZoneOffset.UTC);
        assertThat(WebhookSignatures.verify(SECRET, WebhookSignatures.header(SECRET, 999_999_999_999L, BODY), BODY, FIVE_MINUTES, far))
                .isTrue();
    }
}
