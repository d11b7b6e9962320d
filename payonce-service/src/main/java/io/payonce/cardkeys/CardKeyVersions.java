package io.payonce.cardkeys;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key versions the database knows ({@code card_key_versions}) and the one new codes are sealed
 * under ({@code card_key_state}). At start-up each version of this instance's keyring is registered
 * or checked against the database's check value, so a wrong or missing key stops start-up with the
 * setting named, instead of failing deliveries one by one later.
 */
@Component
class CardKeyVersions implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(CardKeyVersions.class);

    private final JdbcClient jdbc;
    private final CardKeyKeyring keyring;
    private final TransactionTemplate transactions;

    CardKeyVersions(JdbcClient jdbc, CardKeyKeyring keyring, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.keyring = keyring;
        this.transactions = transactions;
    }

    @Override
    public void afterPropertiesSet() {
        transactions.executeWithoutResult(status -> {
            keyring.all().forEach(this::register);
            jdbc.sql("INSERT INTO card_key_state (active_version) VALUES (?) ON CONFLICT (singleton) DO NOTHING")
                    .param(keyring.newest().version())
                    .update();
        });
        int active = active();
        if (!keyring.has(active)) {
            throw new IllegalStateException(CardKeyConfig.KEY_SETTING + ": the database seals new card keys under key version "
                    + active + ", which this instance's keyring lacks; add that version's key");
        }
        requireReadableVersions();
        log.info("Card keys: sealing under key version {}", active);
    }

    /** Records the version's check value, or refuses a key that differs from the one registered under that version. */
    void register(CardKeyCipher cipher) {
        int inserted = jdbc.sql("INSERT INTO card_key_versions (version, key_check) VALUES (?, ?) ON CONFLICT (version) DO NOTHING")
                .params(cipher.version(), cipher.keyCheck())
                .update();
        if (inserted == 1 && cipher.version() == 1) {
            requireKeyOfRowsFromBeforeVersions(cipher);
        }
        byte[] registered = jdbc.sql("SELECT key_check FROM card_key_versions WHERE version = ?")
                .param(cipher.version())
                .query(byte[].class)
                .single();
        if (!MessageDigest.isEqual(registered, cipher.keyCheck())) {
            throw new IllegalStateException(CardKeyConfig.KEY_SETTING + ": the key given as version " + cipher.version()
                    + " is not the key the database knows as version " + cipher.version()
                    + "; card keys sealed under it could not be read");
        }
    }

    /**
     * Rows from before key versions carry no check value: the first key registered as version 1 must
     * read one of them, or a wrong key would be recorded as the right one and refuse the right key later.
     */
    private void requireKeyOfRowsFromBeforeVersions(CardKeyCipher cipher) {
        Optional<byte[]> legacy = jdbc.sql("SELECT code_cipher FROM card_keys WHERE key_version = 0 LIMIT 1")
                .query(byte[].class)
                .optional();
        try {
            legacy.ifPresent(cipher::decryptUnbound);
        } catch (IllegalStateException wrongKey) {
            throw new IllegalStateException(CardKeyConfig.KEY_SETTING + ": the key given as version 1 cannot read the card keys "
                    + "imported before key versions existed; give the key they were imported under");
        }
    }

    /** The version new codes are sealed under now; no lock, for reports. */
    int active() {
        return jdbc.sql("SELECT active_version FROM card_key_state").query(Integer.class).single();
    }

    /**
     * The version to seal under, read FOR SHARE in the caller's transaction: a rotation's switch
     * (an UPDATE of the same row) waits until the caller commits, so no code is sealed under a
     * version the rotation has already finished with.
     */
    int activeForSealing() {
        return jdbc.sql("SELECT active_version FROM card_key_state FOR SHARE").query(Integer.class).single();
    }

    /** Makes {@code version} the one new codes are sealed under, if {@code expected} still is. */
    boolean activate(int expected, int version) {
        return jdbc.sql("UPDATE card_key_state SET active_version = ? WHERE active_version = ?")
                .params(version, expected)
                .update() == 1;
    }

    private Integer[] readableVersions() {
        List<Integer> versions = new ArrayList<>(keyring.all().stream().map(CardKeyCipher::version).toList());
        if (keyring.has(1)) {
            versions.add(0);
        }
        return versions.toArray(Integer[]::new);
    }

    /** Every version a row still uses must be in the keyring (version 0 needs key 1). */
    private void requireReadableVersions() {
        Optional<Integer> unreadable = jdbc.sql("""
                        SELECT v.key_version FROM (SELECT DISTINCT key_version FROM card_keys) v
                        WHERE NOT (v.key_version = ANY (?)) LIMIT 1""")
                .param(readableVersions())
                .query(Integer.class)
                .optional();
        unreadable.ifPresent(version -> {
            throw new IllegalStateException(CardKeyConfig.KEY_SETTING + ": card keys in the database are sealed under key version "
                    + (version == 0 ? "1 (before versions existed)" : version) + ", which this instance's keyring lacks; add that version's key");
        });
    }
}
