package io.payonce.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alipay's "RSA2" signing rule, shared by the simulated channels and the signed membership API:
 * every non-empty field except {@code sign} and {@code sign_type}, as {@code key=value}, keys sorted
 * ascending (by UTF-16 code unit, which is ASCII order for ASCII keys), joined with {@code &},
 * signed with SHA256withRSA over the UTF-8 bytes, Base64 (standard alphabet, padded).
 * Pure functions: no state, safe from any thread.
 */
public final class Rsa2Signatures {

    public static final String ALGORITHM = "SHA256withRSA";
    public static final String SIGN_TYPE = "RSA2";
    /** 2048 bits is what Alipay requires of RSA2 keys. */
    public static final int KEY_BITS = 2048;

    private static final Set<String> UNSIGNED_FIELDS = Set.of("sign", "sign_type");

    private Rsa2Signatures() {
    }

    /** The string that is signed: {@code a=1&b=2}, skipping null and empty values and the sign fields. */
    public static String canonicalString(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(field -> !UNSIGNED_FIELDS.contains(field.getKey()))
                .filter(field -> field.getValue() != null && !field.getValue().isEmpty())
                .map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining("&"));
    }

    /** Base64 SHA256withRSA signature of the fields' canonical string. */
    public static String sign(Map<String, String> fields, PrivateKey privateKey) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(canonicalString(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            // An RSA private key that cannot sign is a broken deployment, not a business outcome.
            throw new IllegalStateException("Cannot sign with " + ALGORITHM, e);
        }
    }

    /**
     * True only when {@code sign} is a valid signature of the fields' canonical string under the key.
     * Returns false, never throws, for a null, non-Base64, truncated or forged signature.
     */
    public static boolean verify(Map<String, String> fields, String sign, PublicKey publicKey) {
        if (sign == null || sign.isEmpty()) {
            return false;
        }
        try {
            byte[] signatureBytes = Base64.getDecoder().decode(sign);
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(canonicalString(fields).getBytes(StandardCharsets.UTF_8));
            return signature.verify(signatureBytes);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** Verifies a form that carries its own {@code sign} field. */
    public static boolean verify(Map<String, String> form, PublicKey publicKey) {
        return verify(form, form.get("sign"), publicKey);
    }

    /** A fresh RSA-2048 key pair. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
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
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
