package io.payonce.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * SHA256withRSA over a canonical string's UTF-8 bytes, Base64 signatures: the one signing and
 * verifying code of payonce (Alipay calls it RSA2; the membership API uses the same). Pure
 * functions: no state, safe from any thread.
 */
public final class RsaSignatures {

    public static final String ALGORITHM = "SHA256withRSA";

    private RsaSignatures() {
    }

    /** Base64 (standard alphabet, padded) signature of the canonical string. */
    public static String sign(String canonical, PrivateKey privateKey) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            // An RSA private key that cannot sign is a broken deployment, not a business outcome.
            throw new IllegalStateException("Cannot sign with " + ALGORITHM, e);
        }
    }

    /**
     * True only when {@code signBase64} (standard Base64, or the URL-safe alphabet some clients
     * use) is a signature of the canonical string under the key. False, never an exception, for a
     * null, non-Base64, truncated or forged signature.
     */
    public static boolean verify(String canonical, String signBase64, PublicKey publicKey) {
        return signBase64 != null
                && decodeBase64(signBase64).map(signature -> verified(canonical, signature, publicKey)).orElse(false);
    }

    /** An empty or truncated signature is a SignatureException here, so it is false like a forged one. */
    private static boolean verified(String canonical, byte[] signature, PublicKey publicKey) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** A fresh RSA key pair of {@code bits}. */
    public static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** A PEM block of the DER bytes with 64-character lines, e.g. type {@code PUBLIC KEY}. */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static Optional<byte[]> decodeBase64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException standard) {
            try {
                return Optional.of(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException urlSafe) {
                return Optional.empty();
            }
        }
    }
}
