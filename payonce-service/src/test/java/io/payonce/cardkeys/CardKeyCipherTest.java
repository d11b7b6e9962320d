package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardKeyCipherTest {

    private static final byte[] KEY = Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    private static final String CODE = "ABCD-EFGH-IJKL-MNOP";

    private static final CardKeyCipher.Row ROW = new CardKeyCipher.Row("game-key", 42);

    private final CardKeyCipher cipher = new CardKeyCipher(1, KEY);

    @Test
    void a_code_decrypts_to_itself_including_non_ascii_and_the_longest() {
        for (String code : new String[] {CODE, "钥匙-\uD83D\uDD11-ключ", "x", "y".repeat(256)}) {
            assertThat(cipher.decrypt(cipher.encrypt(code, ROW), ROW)).isEqualTo(code);
        }
    }

    @Test
    void the_stored_form_is_iv_then_ciphertext_then_tag() {
        byte[] sealed = cipher.encrypt(CODE, ROW);

        assertThat(sealed).hasSize(CardKeyCipher.IV_BYTES + CODE.length() + 16);
    }

    @Test
    void each_encryption_uses_a_fresh_iv_so_equal_codes_do_not_look_equal() {
        byte[] first = cipher.encrypt(CODE, ROW);
        byte[] second = cipher.encrypt(CODE, ROW);

        assertThat(Arrays.copyOf(first, CardKeyCipher.IV_BYTES)).isNotEqualTo(Arrays.copyOf(second, CardKeyCipher.IV_BYTES));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void the_sealed_bytes_never_contain_the_code() {
        byte[] code = CODE.getBytes(StandardCharsets.UTF_8);

        assertThat(indexOf(cipher.encrypt(CODE, ROW), code)).isEqualTo(-1);
        assertThat(indexOf(cipher.digest(CODE), code)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "flipping byte {0}")
    @ValueSource(ints = {0, 11, 12, 20, 30, 46})
    void any_altered_byte_fails_authentication_without_revealing_the_code(int position) {
        byte[] sealed = cipher.encrypt(CODE, ROW);
        sealed[position] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt(sealed, ROW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed authentication")
                .hasMessageNotContaining(CODE);
    }

    @Test
    void truncated_bytes_are_refused() {
        byte[] sealed = cipher.encrypt(CODE, ROW);

        assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(sealed, 20), ROW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_code_sealed_under_another_key_cannot_be_read() {
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 0x01;

        assertThatThrownBy(() -> new CardKeyCipher(1, otherKey).decrypt(cipher.encrypt(CODE, ROW), ROW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_digest_is_stable_for_a_key_and_differs_between_codes_and_keys() {
        byte[] otherKey = KEY.clone();
        otherKey[31] ^= 0x01;

        assertThat(new CardKeyCipher(1, KEY.clone()).digest(CODE)).isEqualTo(cipher.digest(CODE)).hasSize(32);
        assertThat(cipher.digest(CODE + " ")).isNotEqualTo(cipher.digest(CODE));
        assertThat(new CardKeyCipher(1, otherKey).digest(CODE)).isNotEqualTo(cipher.digest(CODE));
    }

    @Test
    void the_digest_key_is_derived_not_the_configured_key_itself() throws Exception {
        javax.crypto.Mac plain = javax.crypto.Mac.getInstance("HmacSHA256");
        plain.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));

        assertThat(cipher.digest(CODE)).isNotEqualTo(plain.doFinal(CODE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_key_of_the_wrong_size_is_refused() {
        assertThatThrownBy(() -> new CardKeyCipher(1, new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_ciphertext_copied_to_another_row_of_the_same_product_fails_authentication() {
        byte[] sealed = cipher.encrypt(CODE, ROW);

        assertThatThrownBy(() -> cipher.decrypt(sealed, new CardKeyCipher.Row("game-key", 43)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed authentication")
                .hasMessageNotContaining(CODE);
    }

    @Test
    void a_ciphertext_copied_to_another_product_with_the_same_row_id_fails_authentication() {
        byte[] sealed = cipher.encrypt(CODE, ROW);

        assertThatThrownBy(() -> cipher.decrypt(sealed, new CardKeyCipher.Row("game-key-2", 42)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_ciphertext_relabelled_with_another_key_version_fails_even_with_the_same_key_bytes() {
        byte[] sealed = cipher.encrypt(CODE, ROW);

        assertThatThrownBy(() -> new CardKeyCipher(2, KEY).decrypt(sealed, ROW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void a_tampered_tag_fails_authentication() {
        byte[] sealed = cipher.encrypt(CODE, ROW);
        sealed[sealed.length - 1] ^= (byte) 0x80;

        assertThatThrownBy(() -> cipher.decrypt(sealed, ROW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_bound_ciphertext_cannot_be_read_as_an_unbound_one_from_before_key_versions() {
        byte[] sealed = cipher.encrypt(CODE, ROW);

        assertThatThrownBy(() -> cipher.decryptUnbound(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_code_sealed_before_key_versions_without_associated_data_is_still_read_with_key_1() {
        assertThat(cipher.decryptUnbound(SealedBeforeKeyVersions.seal(KEY, CODE))).isEqualTo(CODE);
    }

    @Test
    void the_key_check_identifies_a_key_without_being_it() {
        assertThat(cipher.keyCheck()).isEqualTo(new CardKeyCipher(7, KEY.clone()).keyCheck()).isNotEqualTo(KEY);
        byte[] otherKey = KEY.clone();
        otherKey[5] ^= 0x01;
        assertThat(new CardKeyCipher(1, otherKey).keyCheck()).isNotEqualTo(cipher.keyCheck());
    }

    @Test
    void the_shortest_sealed_form_iv_and_tag_around_nothing_is_read() {
        byte[] sealed = cipher.encrypt("", ROW);

        assertThat(sealed).hasSize(CardKeyCipher.IV_BYTES + 16);
        assertThat(cipher.decrypt(sealed, ROW)).isEmpty();
    }

    @Test
    void one_byte_shorter_than_an_iv_and_a_tag_is_refused_as_too_short() {
        byte[] sealed = cipher.encrypt("", ROW);

        assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(sealed, sealed.length - 1), ROW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too short");
    }

    @Test
    void keys_one_byte_short_of_or_past_32_are_refused() {
        assertThatThrownBy(() -> new CardKeyCipher(1, new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CardKeyCipher(1, new byte[33])).hasMessageContaining("32 bytes");
    }

    @Test
    void key_version_1_is_the_first_and_0_is_refused() {
        assertThat(new CardKeyCipher(1, KEY).version()).isEqualTo(1);
        assertThatThrownBy(() -> new CardKeyCipher(0, KEY)).hasMessage("Card-key key versions start at 1, got 0");
    }

    @Test
    void a_random_key_is_32_fresh_bytes_that_seal_and_open_a_code() {
        byte[] key = CardKeyCipher.randomKey();

        assertThat(key).hasSize(32).isNotEqualTo(CardKeyCipher.randomKey()).isNotEqualTo(new byte[32]);
        CardKeyCipher random = new CardKeyCipher(1, key);
        assertThat(random.decrypt(random.encrypt(CODE, ROW), ROW)).isEqualTo(CODE);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void a_sealed_secret_opens_to_itself_in_its_own_context_only() {
        byte[] sealed = cipher.sealSecret("whsec_abc", "webhook_endpoints/we_1");

        assertThat(cipher.openSecret(sealed, "webhook_endpoints/we_1")).isEqualTo("whsec_abc");
        assertThat(sealed).hasSize(CardKeyCipher.IV_BYTES + "whsec_abc".length() + 16);
        assertThat(indexOf(sealed, "whsec_abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThatThrownBy(() -> cipher.openSecret(sealed, "webhook_endpoints/we_2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CardKeyCipher(2, KEY).openSecret(sealed, "webhook_endpoints/we_1"))
                .as("bound to its key version").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_sealed_secret_is_no_card_key_and_a_card_key_is_no_sealed_secret() {
        byte[] secret = cipher.sealSecret(CODE, "x");
        byte[] code = cipher.encrypt(CODE, ROW);

        assertThatThrownBy(() -> cipher.decrypt(secret, ROW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decryptUnbound(secret)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.openSecret(code, "x")).isInstanceOf(IllegalStateException.class);
    }
}
