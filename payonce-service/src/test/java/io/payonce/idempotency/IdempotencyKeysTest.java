package io.payonce.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.payonce.common.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    @Test
    void a_missing_or_empty_key_is_idempotency_key_missing() {
        assertThatThrownBy(() -> IdempotencyKeys.requireValid(null)).extracting(e -> ((Refusal) e).reason())
                .isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_MISSING);
        assertThatThrownBy(() -> IdempotencyKeys.requireValid("")).extracting(e -> ((Refusal) e).reason())
                .isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "new\nline", "caf\u00e9", "nul\u0000"})
    void a_key_with_non_printable_or_non_ascii_characters_is_invalid(String key) {
        assertThatThrownBy(() -> IdempotencyKeys.requireValid(key)).extracting(e -> ((Refusal) e).reason())
                .isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_INVALID);
    }

    @Test
    void a_key_of_255_characters_is_valid_and_of_256_is_not() {
        assertThat(IdempotencyKeys.requireValid("k".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> IdempotencyKeys.requireValid("k".repeat(256))).extracting(e -> ((Refusal) e).reason())
                .isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_INVALID);
    }

    @Test
    void the_fingerprint_ignores_field_order_and_whitespace() {
        byte[] a = IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("{\"sku\":\"A\",\"quantity\":1,\"buyer\":{\"userId\":\"u\",\"email\":\"e@x.io\"}}"));
        byte[] b = IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("{ \"quantity\": 1, \"buyer\": {\"email\":\"e@x.io\", \"userId\":\"u\"}, \"sku\": \"A\" }"));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void the_fingerprint_changes_with_any_value_the_path_or_the_method() {
        byte[] base = IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("{\"sku\":\"A\",\"quantity\":1}"));
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("{\"sku\":\"A\",\"quantity\":2}"))).isNotEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/orderz", bytes("{\"sku\":\"A\",\"quantity\":1}"))).isNotEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("PUT", "/v1/orders", bytes("{\"sku\":\"A\",\"quantity\":1}"))).isNotEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("[1,2]")))
                .isNotEqualTo(IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("[2,1]")));
    }

    @Test
    void space_and_tilde_are_the_edges_of_a_valid_key_and_the_characters_past_them_are_not() {
        assertThat(IdempotencyKeys.requireValid(" key~")).isEqualTo(" key~");
        for (String outside : new String[] {"key\u001f", "key\u007f"}) {
            assertThatThrownBy(() -> IdempotencyKeys.requireValid(outside)).extracting(e -> ((Refusal) e).reason())
                    .isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_INVALID);
        }
    }

    @Test
    void a_request_without_a_body_is_fingerprinted_by_its_method_and_path_alone() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes("POST\n/v1/orders/ord_1/cancel\n"));

        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/orders/ord_1/cancel", null)).isEqualTo(expected);
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/orders/ord_1/cancel", new byte[0])).isEqualTo(expected);
    }

    @Test
    void a_body_that_is_not_json_is_fingerprinted_as_its_bytes() throws Exception {
        byte[] body = bytes("sku=A&quantity=1");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes("POST\n/v1/orders\n"));

        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/orders", body)).isEqualTo(sha256.digest(body));
    }

    @Test
    void object_keys_inside_array_elements_are_sorted_too() {
        byte[] a = IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("{\"items\":[{\"sku\":\"A\",\"quantity\":1}]}"));
        byte[] b = IdempotencyKeys.fingerprint("POST", "/v1/orders", bytes("{\"items\":[{\"quantity\":1,\"sku\":\"A\"}]}"));

        assertThat(a).isEqualTo(b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
