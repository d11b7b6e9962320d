package io.payonce.cardkeys;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import io.payonce.config.DataFolder;
import io.payonce.config.PayonceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The card-key keyring: the configured key(s) when set (they always win); else, with the embedded
 * database, the key files of the data folder (the first generated at first start), or one random key
 * for an ephemeral run. An external database without a configured key stops start-up, and so does
 * anything malformed, with a message naming the setting (never its value).
 */
@Configuration(proxyBeanMethods = false)
class CardKeyConfig {

    static final String KEY_SETTING = "payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY)";
    /** A bound on versions: a keyring keeps one key per rotation, and a 9-digit version is already absurd. */
    private static final int VERSION_MAX = 999_999_999;
    private static final Logger log = LoggerFactory.getLogger(CardKeyConfig.class);

    @Bean
    CardKeyKeyring cardKeyKeyring(PayonceProperties properties, DataFolder dataFolder) {
        return keyringFor(properties.cardKeys().encryptionKey(), properties.db().embedded(), dataFolder);
    }

    static CardKeyKeyring keyringFor(String configured, boolean embeddedDatabase, DataFolder dataFolder) {
        if (!isBlank(configured)) {
            if (embeddedDatabase && !dataFolder.ephemeral()) {
                log.info("Card-key keys from {}; key files in {} are not used", KEY_SETTING, dataFolder.cardKeys());
            }
            return new CardKeyKeyring(CardKeyKeyring.Source.CONFIGURED, decode(configured), null);
        }
        if (!embeddedDatabase) {
            throw new IllegalStateException(KEY_SETTING + " must be set when the database is external: "
                    + "the Base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'");
        }
        if (dataFolder.ephemeral()) {
            log.warn("--ephemeral: card keys are sealed under a random key for this run only (the database is discarded too)");
            return new CardKeyKeyring(CardKeyKeyring.Source.EPHEMERAL, Map.of(1, CardKeyCipher.randomKey()), null);
        }
        CardKeyFiles files = new CardKeyFiles(dataFolder.cardKeys());
        Map<Integer, byte[]> keys = files.loadOrCreateFirst();
        log.info("Card-key keys from {} (versions {}); back them up with the database", files.dir(), keys.keySet());
        return new CardKeyKeyring(CardKeyKeyring.Source.DATA_FOLDER, keys, files);
    }

    /**
     * The configured keys by version: one Base64 key (version 1), or {@code 1:<base64>,2:<base64>}
     * while a rotation moves rows from one version to the next. Throws naming the setting.
     */
    static Map<Integer, byte[]> decode(String configured) {
        Map<Integer, byte[]> keys = new TreeMap<>();
        String[] entries = configured.strip().split(",");
        for (String entry : entries) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 0 && entries.length == 1) {
                keys.put(1, key(trimmed));
                continue;
            }
            int version = version(colon < 0 ? "" : trimmed.substring(0, colon).strip());
            if (keys.put(version, key(trimmed.substring(colon + 1).strip())) != null) {
                throw new IllegalStateException(KEY_SETTING + " names version " + version + " twice");
            }
        }
        return keys;
    }

    private static int version(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 && version <= VERSION_MAX) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the expected form.
        }
        throw new IllegalStateException(KEY_SETTING + " with several keys must be 'version:key,...' with versions from 1, "
                + "e.g. '1:<base64>,2:<base64>'");
    }

    private static byte[] key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(KEY_SETTING + " is not valid Base64 (expected the Base64 of 32 bytes)");
        }
        if (key.length != CardKeyCipher.KEY_BYTES) {
            throw new IllegalStateException(KEY_SETTING + " must decode to exactly " + CardKeyCipher.KEY_BYTES
                    + " bytes (AES-256), got " + key.length);
        }
        return key;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
