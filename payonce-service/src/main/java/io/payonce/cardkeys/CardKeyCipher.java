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
 * Keeps card-key codes secret at rest under one version of the key: AES-256-GCM with a random
 * 12-byte IV per code (stored as IV || ciphertext || tag), and an HMAC-SHA256 digest that finds
 * duplicates without the plaintext. Two keys are derived from the configured one (HKDF-Expand,
 * RFC 5869, with distinct labels), so the digest key is never the encryption key.
 *
 * <p>Each ciphertext is bound by GCM's associated data to the key version, the product and the row
 * it was sealed for: copied to another row or product, or relabelled with another version, it fails
 * authentication instead of showing one buyer's code to another. No message here ever contains a code.
 */
final class CardKeyCipher {

    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String HMAC = "HmacSHA256";
    private static final byte[] AAD_LABEL = "payonce card-key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET_AAD_LABEL = "payonce sealed secret v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a ciphertext belongs: the row's product and id. */
    record Row(String sku, long id) {
    }

    private final int version;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec digestKey;
    private final byte[] keyCheck;

    CardKeyCipher(int version, byte[] configuredKey) {
        if (configuredKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("The card-key key must be " + KEY_BYTES + " bytes");
        }
        if (version < 1) {
            throw new IllegalArgumentException("Card-key key versions start at 1, got " + version);
        }
        this.version = version;
        this.encryptionKey = new SecretKeySpec(derive(configuredKey, "payonce card-key encryption v1"), "AES");
        this.digestKey = new SecretKeySpec(derive(configuredKey, "payonce card-key digest v1"), HMAC);
        this.keyCheck = derive(configuredKey, "payonce card-key check v1");
    }

    /** A fresh random key. */
    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    int version() {
        return version;
    }

    /**
     * A value that identifies this key without revealing it (an HKDF output of its own label): the
     * database keeps it per version, so a wrong key for a version stops start-up instead of every delivery.
     */
    byte[] keyCheck() {
        return keyCheck.clone();
    }

    byte[] encrypt(String code, Row row) {
        return seal(code.getBytes(StandardCharsets.UTF_8), associatedData(row));
    }

    /**
     * Seals another secret payonce must read back (a webhook endpoint's signing secret) under this
     * key version, bound to {@code context} (its table and row) by a label of its own: it can be
     * opened neither as a card key nor in another row.
     */
    byte[] sealSecret(String secret, String context) {
        return seal(secret.getBytes(StandardCharsets.UTF_8), secretAssociatedData(context));
    }

    /** Opens what {@link #sealSecret} sealed for the same context; fails like {@link #decrypt} otherwise. */
    String openSecret(byte[] stored, String context) {
        return open(stored, secretAssociatedData(context));
    }

    private byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Fails (without echoing anything) when the bytes were altered, moved from another row, or sealed under another key. */
    String decrypt(byte[] stored, Row row) {
        return open(stored, associatedData(row));
    }

    /**
     * Reads a code sealed before key versions existed (version 0 in the table): same key derivation,
     * no associated data. Rotation rewrites such rows into the bound form.
     */
    String decryptUnbound(byte[] stored) {
        return open(stored, null);
    }

    /** The same code always gives the same digest under the same key: the unique column finds repeats. */
    byte[] digest(String code) {
        return hmac(digestKey, code.getBytes(StandardCharsets.UTF_8));
    }

    private String open(byte[] stored, byte[] associatedData) {
        if (stored.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("A stored card key is too short to be AES-GCM output");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored card key failed authentication under key version " + version
                    + ": altered data, a ciphertext moved from another row, or a different key than the one it was sealed under", e);
        }
    }

    private byte[] secretAssociatedData(String context) {
        byte[] bytes = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(SECRET_AAD_LABEL.length + Integer.BYTES + bytes.length)
                .put(SECRET_AAD_LABEL).putInt(version).put(bytes).array();
    }

    /** Label, version and id have fixed widths, so the sku that ends it cannot be confused with them. */
    private byte[] associatedData(Row row) {
        byte[] sku = row.sku().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AAD_LABEL.length + Integer.BYTES + Long.BYTES + sku.length)
                .put(AAD_LABEL).putInt(version).putLong(row.id()).put(sku).array();
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
