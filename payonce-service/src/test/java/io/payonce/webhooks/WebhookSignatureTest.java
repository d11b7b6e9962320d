package io.payonce.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.payonce.webhooks.WebhookSignature.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"order.paid\"}";
    private static final long T = 1_764_500_000L;
    /** From openssl: see the first test. */
    private static final String EXPECTED = "20cf0d37f4f342ec9eb8b40a72298e94ee294f9006dbc8dcf513985d1661b63c";

    @Test
    void the_signature_is_the_hex_hmac_sha256_of_timestamp_dot_body_under_the_secret_string() {
        // Computed independently: printf '%s' '1764500000.{"id":"evt_1","type":"order.paid"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign(SECRET, T, BODY)).isEqualTo(EXPECTED);
        assertThat(WebhookSignature.header(SECRET, T, BODY)).isEqualTo("t=1764500000,v1=" + EXPECTED);
    }

    @Test
    void a_fresh_header_verifies() {
        assertThat(WebhookSignature.verify(SECRET, WebhookSignature.header(SECRET, T, BODY), BODY, T, 300)).isEqualTo(Verdict.VALID);
    }

    @Test
    void another_body_another_secret_or_another_timestamp_does_not_match() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ", T, 300)).isEqualTo(Verdict.MISMATCH);
        assertThat(WebhookSignature.verify("whsec_other", header, BODY, T, 300)).isEqualTo(Verdict.MISMATCH);
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=" + T, "t=" + (T + 1)), BODY, T, 300)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void the_tolerance_is_stripes_check_exactly_at_it_passes_one_second_past_it_does_not_either_way() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, T + 300, 300)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, T + 301, 300)).isEqualTo(Verdict.OUTSIDE_TOLERANCE);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, T - 300, 300)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, T - 301, 300)).isEqualTo(Verdict.OUTSIDE_TOLERANCE);
    }

    @Test
    void one_matching_v1_among_several_is_enough_in_any_order_and_unknown_schemes_are_ignored() {
        String good = WebhookSignature.sign(SECRET, T, BODY);
        String bad = WebhookSignature.sign("whsec_old", T, BODY);
        assertThat(WebhookSignature.verify(SECRET, "t=" + T + ",v1=" + bad + ",v1=" + good, BODY, T, 300)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, "v1=" + good + ",t=" + T, BODY, T, 300)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, "t=" + T + ", v0=abc, v1=" + good, BODY, T, 300)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, "t=" + T + ",v0=" + good, BODY, T, 300)).as("only v1 counts").isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=" + T + ",v1=" + good.toUpperCase(), BODY, T, 300)).isEqualTo(Verdict.MISMATCH);
        assertThat(WebhookSignature.verify(SECRET, "t=" + T + ",v1=" + good.substring(1), BODY, T, 300)).isEqualTo(Verdict.MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "garbage", "t=1764500000", "v1=abc", "t=,v1=abc", "t=-5,v1=abc", "t=17645x,v1=abc", "=x,t=1764500000,v1=a",
            "t=1234567890123,v1=abc"})
    void a_header_that_is_not_ours_is_malformed(String header) {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, T, 300)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void a_malformed_timestamp_is_malformed_even_when_a_good_one_follows() {
        String good = WebhookSignature.sign(SECRET, T, BODY);
        assertThat(WebhookSignature.verify(SECRET, "t=x,t=" + T + ",v1=" + good, BODY, T, 300)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=1,t=" + T + ",v1=" + good, BODY, T, 300)).as("the last t counts").isEqualTo(Verdict.VALID);
    }

    @Test
    void a_missing_or_huge_header_is_malformed() {
        assertThat(WebhookSignature.verify(SECRET, null, BODY, T, 300)).isEqualTo(Verdict.MALFORMED);
        String header = WebhookSignature.header(SECRET, T, BODY);
        String padded = header + ",x=" + "y".repeat(1024 - header.length() - 3);
        assertThat(padded).hasSize(1024);
        assertThat(WebhookSignature.verify(SECRET, padded, BODY, T, 300)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, padded + "y", BODY, T, 300)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void a_twelve_digit_timestamp_is_read_and_a_zero_one_too() {
        long far = 999_999_999_999L;
        assertThat(WebhookSignature.verify(SECRET, WebhookSignature.header(SECRET, far, BODY), BODY, far, 0)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, WebhookSignature.header(SECRET, 0, BODY), BODY, 0, 0)).isEqualTo(Verdict.VALID);
    }

    @Test
    void the_receivers_example_in_docs_webhooks_md_verifies_what_payonce_signs() throws Exception {
        byte[] body = BODY.getBytes(UTF_8);
        assertThat(valid(SECRET, WebhookSignature.header(SECRET, T, BODY), body, T + 300)).isTrue();
        assertThat(valid(SECRET, WebhookSignature.header(SECRET, T, BODY), body, T + 301)).isFalse();
        assertThat(valid("whsec_other", WebhookSignature.header(SECRET, T, BODY), body, T)).isFalse();
    }

    /** Copied from docs/webhooks.md, "Verifying the signature": keep the two the same. */
    static boolean valid(String secret, String header, byte[] body, long nowSeconds) throws Exception {
        long t = -1; List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].equals("t")) t = Long.parseLong(kv[1]); else if (kv[0].equals("v1")) v1.add(kv[1]);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(UTF_8));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(US_ASCII);
        boolean match = v1.stream().anyMatch(s -> MessageDigest.isEqual(s.getBytes(US_ASCII), expected));
        return match && Math.abs(nowSeconds - t) <= 300;
    }
}
