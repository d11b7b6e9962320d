package io.payonce.cardkeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The stored form of a code before V6, written independently of CardKeyCipher: same key derivation, no associated data. */
final class SealedBeforeKeyVersions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedBeforeKeyVersions() {
    }

    static byte[] seal(byte[] configuredKey, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(configuredKey, "HmacSHA256"));
            byte[] encryptionKey = mac.doFinal("payonce card-key encryption v1\u0001".getBytes(StandardCharsets.ISO_8859_1));
            byte[] iv = new byte[CardKeyCipher.IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = aes.doFinal(code.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
