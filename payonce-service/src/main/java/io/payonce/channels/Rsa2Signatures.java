package io.payonce.channels;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import io.payonce.signing.CanonicalString;
import io.payonce.signing.RsaSignatures;

/**
 * Alipay's "RSA2" signatures of gateway messages: {@link CanonicalString#GATEWAY} signed by
 * {@link RsaSignatures}, plus the key formats Alipay's console hands out. The membership API signs
 * with the same code under its own rule ({@link CanonicalString#MEMBERSHIP}).
 */
public final class Rsa2Signatures {

    public static final String ALGORITHM = RsaSignatures.ALGORITHM;
    public static final String SIGN_TYPE = "RSA2";
    /** 2048 bits is what Alipay requires of RSA2 keys. */
    public static final int KEY_BITS = 2048;

    private Rsa2Signatures() {
    }

    /** The string that is signed: {@code a=1&b=2}, skipping null and empty values and the sign fields. */
    public static String canonicalString(Map<String, String> fields) {
        return CanonicalString.GATEWAY.of(fields);
    }

    /** Base64 SHA256withRSA signature of the fields' canonical string. */
    public static String sign(Map<String, String> fields, PrivateKey privateKey) {
        return RsaSignatures.sign(canonicalString(fields), privateKey);
    }

    /** True only when {@code sign} is a valid signature of the fields' canonical string under the key; never throws. */
    public static boolean verify(Map<String, String> fields, String sign, PublicKey publicKey) {
        return RsaSignatures.verify(canonicalString(fields), sign, publicKey);
    }

    /** Verifies a form that carries its own {@code sign} field. */
    public static boolean verify(Map<String, String> form, PublicKey publicKey) {
        return verify(form, form.get("sign"), publicKey);
    }

    /** A fresh RSA-2048 key pair. */
    public static KeyPair generateKeyPair() {
        return RsaSignatures.generate(KEY_BITS);
    }

    /** Reads an X.509 SubjectPublicKeyInfo RSA key (DER bytes). */
    public static PublicKey publicKeyFromDer(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    /** Reads a PKCS#8 RSA private key (DER bytes). */
    public static PrivateKey privateKeyFromDer(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /**
     * Reads a {@code -----BEGIN PUBLIC KEY-----} PEM, or its bare Base64 body (the form Alipay's
     * console hands out). Throws {@link GeneralSecurityException} for anything else.
     */
    public static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return publicKeyFromDer(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Public key is not Base64", e);
        }
    }

    /** The key as a {@code -----BEGIN PUBLIC KEY-----} PEM with 64-character lines. */
    public static String toPem(PublicKey publicKey) {
        return RsaSignatures.pem("PUBLIC KEY", publicKey.getEncoded());
    }
}
