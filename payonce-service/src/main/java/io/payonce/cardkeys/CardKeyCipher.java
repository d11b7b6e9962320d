package io.payonce.cardkeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps card-key codes secret at rest: AES-256-GCM with a random 12-byte IV per code (stored as
 * IV || ciphertext || tag), and an HMAC-SHA256 digest that finds duplicates without the plaintext.
 * Two keys are derived from the configured one (HKDF-Expand, RFC 5869, with distinct labels), so
 * the digest key is never the encryption key. No message here ever contains a code.
 */
final class CardKeyCipher {

    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec digestKey;

    CardKeyCipher(byte[] configuredKey) {
        if (configuredKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("The card-key key must be " + KEY_BYTES + " bytes");
        }
        this.encryptionKey = new SecretKeySpec(derive(configuredKey, "payonce card-key encryption v1"), "AES");
        this.digestKey = new SecretKeySpec(derive(configuredKey, "payonce card-key digest v1"), HMAC);
    }

    /** A fresh random key, for the embedded database whose data dies with the process anyway. */
    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    byte[] encrypt(String code) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Fails (without echoing anything) when the bytes were altered or sealed under another key. */
    String decrypt(byte[] stored) {
        if (stored.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("A stored card key is too short to be AES-GCM output");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored card key failed authentication: altered data, or a different "
                    + CardKeyConfig.KEY_SETTING + " than the one it was imported under", e);
        }
    }

    /** The same code always gives the same digest under the same key: the unique column finds repeats. */
    byte[] digest(String code) {
        return hmac(digestKey, code.getBytes(StandardCharsets.UTF_8));
    }

    /** HKDF-Expand for one block: the configured key is already uniformly random, so it serves as the PRK. */
    private static byte[] derive(byte[] configuredKey, String label) {
        byte[] info = label.getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 1;
        return hmac(new SecretKeySpec(configuredKey, HMAC), input);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
