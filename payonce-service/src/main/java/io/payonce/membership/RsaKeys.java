package io.payonce.membership;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import io.payonce.signing.RsaSignatures;

/**
 * RSA keys of calling systems: parsing with size limits, fingerprints, and verification of their
 * requests through {@link RsaSignatures}. Pure functions.
 */
public final class RsaKeys {

    /** Below 2048 bits RSA is breakable in practice; NIST disallowed it after 2013. */
    public static final int BITS_MIN = 2048;
    /** Above 8192 bits a verification costs milliseconds of CPU for no real gain in safety. */
    static final int BITS_MAX = 8192;
    /** A 8192-bit public key in PEM is about 1.5 KB; anything much longer is not one. */
    public static final int PEM_MAX_CHARS = 8192;

    private RsaKeys() {
    }

    /**
     * Reads a {@code -----BEGIN PUBLIC KEY-----} PEM (X.509 SubjectPublicKeyInfo, what
     * {@code openssl rsa -pubout} writes) or its bare Base64 body, and checks it is RSA of an
     * accepted size. Throws {@link IllegalArgumentException} with a reason a client can act on.
     */
    static RSAPublicKey parsePublicPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("publicKeyPem is required");
        }
        if (pem.length() > PEM_MAX_CHARS) {
            throw new IllegalArgumentException("publicKeyPem is longer than " + PEM_MAX_CHARS + " characters");
        }
        if (pem.contains("BEGIN RSA PUBLIC KEY")) {
            throw new IllegalArgumentException("PKCS#1 'RSA PUBLIC KEY' is not accepted; convert it with "
                    + "'openssl rsa -RSAPublicKey_in -pubout' to a 'PUBLIC KEY' (X.509 SubjectPublicKeyInfo)");
        }
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (body.contains("-----")) {
            throw new IllegalArgumentException("publicKeyPem must be a '-----BEGIN PUBLIC KEY-----' PEM");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKeyPem is not valid PEM: its body is not Base64");
        }
        return checkedPublicKey(der);
    }

    /** Reads a SubjectPublicKeyInfo as DER and checks it is RSA of an accepted size. */
    static RSAPublicKey checkedPublicKey(byte[] der) {
        RSAPublicKey rsa;
        try {
            // The RSA KeyFactory only ever returns RSAPublicKey; anything else fails here.
            rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("publicKeyPem is not an RSA public key");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < BITS_MIN || bits > BITS_MAX) {
            throw new IllegalArgumentException("The key has " + bits + " bits; " + BITS_MIN + " to " + BITS_MAX + " are accepted");
        }
        return rsa;
    }

    static int bits(RSAPublicKey key) {
        return key.getModulus().bitLength();
    }

    /** SHA-256 of the key's DER, hex: what operators compare to make sure they registered the right key. */
    static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** True only when {@code signBase64} is a signature of {@code canonical} under the key; never throws. */
    static boolean verify(PublicKey key, String canonical, String signBase64) {
        return RsaSignatures.verify(canonical, signBase64, key);
    }

    public static KeyPair generate(int bits) {
        return RsaSignatures.generate(bits);
    }

    /** A PEM block of the DER bytes with 64-character lines, e.g. type {@code PUBLIC KEY}. */
    public static String pem(String type, byte[] der) {
        return RsaSignatures.pem(type, der);
    }
}
