package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class CardKeyConfigTest {

    private static final String SETTING = "payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY)";
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void a_configured_key_is_used_with_either_database() {
        String code = "CODE-1";
        byte[] sealed = new CardKeyCipher(Base64.getDecoder().decode(KEY)).encrypt(code);

        assertThat(CardKeyConfig.cipherFor(KEY, true).decrypt(sealed)).isEqualTo(code);
        assertThat(CardKeyConfig.cipherFor(" " + KEY + "\n", false).decrypt(sealed)).isEqualTo(code);
    }

    @Test
    void without_a_key_the_embedded_database_gets_a_random_one_per_start() {
        CardKeyCipher first = CardKeyConfig.cipherFor("", true);
        CardKeyCipher second = CardKeyConfig.cipherFor(null, true);

        assertThat(first.digest("CODE")).isNotEqualTo(second.digest("CODE"));
    }

    @Test
    void without_a_key_an_external_database_stops_start_up_naming_the_setting() {
        assertThatThrownBy(() -> CardKeyConfig.cipherFor("", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING);
    }

    @Test
    void a_key_that_is_not_base64_stops_start_up_without_echoing_it() {
        String secretButBroken = "not*base64*secret";

        assertThatThrownBy(() -> CardKeyConfig.cipherFor(secretButBroken, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageNotContaining(secretButBroken);
    }

    @Test
    void a_key_of_the_wrong_length_stops_start_up_even_with_the_embedded_database() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> CardKeyConfig.cipherFor(sixteenBytes, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("exactly 32 bytes");
    }
}
