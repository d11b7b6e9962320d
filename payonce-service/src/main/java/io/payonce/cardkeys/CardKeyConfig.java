package io.payonce.cardkeys;

import java.util.Base64;

import io.payonce.config.PayonceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The card-key encryption key: configured, or, only with the embedded database, generated.
 * Anything else stops start-up with a message naming the setting (never its value).
 */
@Configuration(proxyBeanMethods = false)
class CardKeyConfig {

    static final String KEY_SETTING = "payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY)";
    private static final Logger log = LoggerFactory.getLogger(CardKeyConfig.class);

    @Bean
    CardKeyCipher cardKeyCipher(PayonceProperties properties) {
        return cipherFor(properties.cardKeys().encryptionKey(), properties.db().embedded());
    }

    static CardKeyCipher cipherFor(String configured, boolean embeddedDatabase) {
        if (isBlank(configured) && embeddedDatabase) {
            log.warn("No {} set: using a random key for this run. Imported card keys will not be readable after a restart "
                    + "(the embedded database is discarded then too); set one before using an external database.", KEY_SETTING);
            return new CardKeyCipher(CardKeyCipher.randomKey());
        }
        return new CardKeyCipher(decode(configured));
    }

    /** The configured key's 32 bytes; throws naming the setting when it is missing or malformed. */
    static byte[] decode(String configured) {
        if (isBlank(configured)) {
            throw new IllegalStateException(KEY_SETTING + " must be set when the database is external: "
                    + "the Base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
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
