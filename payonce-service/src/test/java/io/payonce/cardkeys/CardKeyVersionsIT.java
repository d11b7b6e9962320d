package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;

import io.payonce.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The start-up check of key versions against a database of its own: a key that is not the one a
 * version was registered with, a missing active version, and a database upgraded from before key
 * versions all stop start-up naming the setting, before anything is sealed or registered wrongly.
 */
class CardKeyVersionsIT {

    private static final String SETTING = "PAYONCE_CARD_KEY_ENCRYPTION_KEY";
    private static final byte[] KEY_1 = Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    private static final byte[] OTHER = new byte[32];

    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void freshDatabase() throws Exception {
        String url = TestDatabase.createDatabase();
        Flyway.configure().dataSource(url, TestDatabase.user(), null).locations("classpath:db/migration").load().migrate();
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, TestDatabase.user(), "");
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.sql("INSERT INTO products (sku, name, kind, price, currency) VALUES ('old', 'Old', 'CARD_KEY', 100, 'CNY')").update();
    }

    @Test
    void a_different_key_under_a_registered_version_stops_start_up_and_registers_nothing() {
        start(Map.of(1, KEY_1));

        assertThatThrownBy(() -> start(Map.of(1, OTHER)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("is not the key the database knows as version 1");
        assertThat(jdbc.sql("SELECT count(*) FROM card_key_versions").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_keyring_without_the_active_version_stops_start_up() {
        start(Map.of(1, KEY_1, 2, OTHER));

        assertThatThrownBy(() -> start(Map.of(1, KEY_1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("key version 2, which this instance's keyring lacks");
    }

    @Test
    void upgraded_from_before_key_versions_a_wrong_key_1_stops_start_up_and_is_not_recorded_and_the_right_one_is() {
        jdbc.sql("INSERT INTO card_keys (sku, code_digest, code_cipher, key_version) VALUES ('old', '\\x01', ?, 0)")
                .param(SealedBeforeKeyVersions.seal(KEY_1, "OLD-1")).update();

        assertThatThrownBy(() -> start(Map.of(1, OTHER)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("cannot read the card keys imported before key versions");
        assertThat(jdbc.sql("SELECT count(*) FROM card_key_versions").query(Long.class).single()).isZero();

        start(Map.of(1, KEY_1));
        assertThat(jdbc.sql("SELECT active_version FROM card_key_state").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void rows_under_a_version_the_keyring_lacks_stop_start_up() {
        start(Map.of(1, KEY_1, 2, OTHER));
        jdbc.sql("INSERT INTO card_keys (sku, code_digest, code_cipher, key_version) VALUES ('old', '\\x02', '\\x02', 1)").update();
        jdbc.sql("UPDATE card_key_state SET active_version = 2").update();

        assertThatThrownBy(() -> start(Map.of(2, OTHER)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("sealed under key version 1");
    }

    private void start(Map<Integer, byte[]> keys) {
        new CardKeyVersions(jdbc, new CardKeyKeyring(CardKeyKeyring.Source.CONFIGURED, keys, null), transactions).afterPropertiesSet();
    }

}
