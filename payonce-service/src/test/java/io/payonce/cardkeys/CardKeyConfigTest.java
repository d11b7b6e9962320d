package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.payonce.config.DataFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardKeyConfigTest {

    private static final String SETTING = "payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY)";
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final CardKeyCipher.Row ROW = new CardKeyCipher.Row("sku", 1);

    @TempDir
    Path dir;

    @Test
    void a_configured_key_is_version_1_and_wins_over_the_data_folder() {
        byte[] sealed = new CardKeyCipher(1, Base64.getDecoder().decode(KEY)).encrypt("CODE-1", ROW);

        CardKeyKeyring keyring = CardKeyConfig.keyringFor(" " + KEY + "\n", true, folder(false));

        assertThat(keyring.source()).isEqualTo(CardKeyKeyring.Source.CONFIGURED);
        assertThat(keyring.newest().version()).isEqualTo(1);
        assertThat(keyring.version(1).decrypt(sealed, ROW)).isEqualTo("CODE-1");
        assertThat(dir.resolve("card-keys")).doesNotExist();
        assertThat(CardKeyConfig.keyringFor(KEY, false, folder(false)).version(1).decrypt(sealed, ROW)).isEqualTo("CODE-1");
    }

    @Test
    void several_configured_versions_are_read_and_the_newest_is_the_newest() {
        CardKeyKeyring keyring = CardKeyConfig.keyringFor("1:" + KEY + ", 2:" + OTHER_KEY, false, folder(false));

        assertThat(keyring.newest().version()).isEqualTo(2);
        assertThat(keyring.has(1)).isTrue();
        assertThat(keyring.canGenerate()).isFalse();
    }

    @Test
    void a_repeated_or_malformed_version_stops_start_up_naming_the_setting_without_the_keys() {
        for (String configured : new String[] {"1:" + KEY + ",1:" + OTHER_KEY, "x:" + KEY + ",2:" + OTHER_KEY, "0:" + KEY + ",2:" + OTHER_KEY}) {
            assertThatThrownBy(() -> CardKeyConfig.keyringFor(configured, false, folder(false)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SETTING)
                    .hasMessageNotContaining(KEY)
                    .hasMessageNotContaining(OTHER_KEY);
        }
    }

    @Test
    void without_a_key_the_embedded_database_keeps_its_key_in_the_data_folder_across_starts() {
        CardKeyKeyring first = CardKeyConfig.keyringFor("", true, folder(false));
        CardKeyKeyring second = CardKeyConfig.keyringFor(null, true, folder(false));

        assertThat(first.source()).isEqualTo(CardKeyKeyring.Source.DATA_FOLDER);
        assertThat(Files.exists(dir.resolve("card-keys/v1.key"))).isTrue();
        assertThat(second.newest().digest("CODE")).isEqualTo(first.newest().digest("CODE"));
    }

    @Test
    void an_ephemeral_run_gets_a_random_key_per_start_and_writes_no_file() {
        CardKeyKeyring first = CardKeyConfig.keyringFor("", true, folder(true));
        CardKeyKeyring second = CardKeyConfig.keyringFor("", true, folder(true));

        assertThat(first.source()).isEqualTo(CardKeyKeyring.Source.EPHEMERAL);
        assertThat(first.newest().digest("CODE")).isNotEqualTo(second.newest().digest("CODE"));
        assertThat(dir.resolve("card-keys")).doesNotExist();
    }

    @Test
    void without_a_key_an_external_database_stops_start_up_naming_the_setting() {
        assertThatThrownBy(() -> CardKeyConfig.keyringFor("", false, folder(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING);
        assertThat(dir.resolve("card-keys")).doesNotExist();
    }

    @Test
    void a_key_that_is_not_base64_stops_start_up_without_echoing_it() {
        String secretButBroken = "not*base64*secret";

        assertThatThrownBy(() -> CardKeyConfig.keyringFor(secretButBroken, true, folder(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageNotContaining(secretButBroken);
    }

    @Test
    void a_key_of_the_wrong_length_stops_start_up_even_with_the_embedded_database() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> CardKeyConfig.keyringFor(sixteenBytes, true, folder(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("exactly 32 bytes");
    }

    private DataFolder folder(boolean ephemeral) {
        return new DataFolder(dir.toString(), ephemeral);
    }
}
