package io.payonce.channels.wechat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The merchant's WeChat Pay keys, read and proven at start-up: the private key is PKCS#8 RSA of
 * at least 2048 bits whose own public half verifies what it signs, the platform key is X.509 RSA
 * of at least 2048 bits, the API v3 key is 32 bytes. A failure names the setting and never
 * repeats the key or a parser's message, which may quote it.
 */
record WechatKeys(PrivateKey merchantKey, PublicKey platformKey, String apiV3Key) {

    /** WeChat Pay's keys are 2048-bit RSA; anything shorter is refused as too weak to hold money. */
    static final int RSA_BITS_MIN = 2048;
    /** AEAD_AES_256_GCM: the API v3 key is the AES-256 key itself. */
    static final int API_V3_KEY_BYTES = 32;
    /** A PEM key is a few kilobytes; this bounds what a wrong path can make us read. */
    private static final long KEY_FILE_BYTES_MAX = 64 * 1024;

    @Override
    public String toString() {
        return "WechatKeys[(redacted)]";
    }

    static WechatKeys load(WechatProperties properties) {
        String merchantPem = material(properties.merchantPrivateKey(), properties.merchantPrivateKeyFile(), "merchant-private-key");
        String platformPem = material(properties.platformPublicKey(), properties.platformPublicKeyFile(), "platform-public-key");
        String apiV3Key = material(properties.apiV3Key(), properties.apiV3KeyFile(), "api-v3-key").strip();
        PrivateKey merchantKey = privateKey(merchantPem);
        PublicKey platformKey = publicKey(platformPem);
        if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != API_V3_KEY_BYTES) {
            throw new IllegalStateException(WechatSettings.setting("api-v3-key") + " must be exactly " + API_V3_KEY_BYTES
                    + " bytes (the key set in WeChat Pay's merchant platform), got " + apiV3Key.getBytes(StandardCharsets.UTF_8).length);
        }
        return new WechatKeys(merchantKey, platformKey, apiV3Key);
    }

    /** The inline value or the file's content: exactly one of the two must be set. */
    private static String material(String inline, String file, String name) {
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline == hasFile) {
            throw new IllegalStateException(WechatSettings.setting(name) + " or " + WechatSettings.setting(name + "-file")
                    + (hasInline ? ": set only one of them" : " must be set when WeChat Pay is enabled"));
        }
        return hasInline ? inline : read(file.strip(), name + "-file");
    }

    private static String read(String file, String setting) {
        try {
            Path path = Path.of(file);
            if (Files.size(path) > KEY_FILE_BYTES_MAX) {
                throw new IllegalStateException(WechatSettings.setting(setting) + " is larger than a key file can be: " + file);
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException refusal) {
                throw refusal;
            }
            throw new IllegalStateException(WechatSettings.setting(setting) + " cannot be read: " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey privateKey(String pem) {
        String setting = WechatSettings.setting("merchant-private-key");
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        requireStrength(key, setting);
        if (!signsForItsPublicHalf(key)) {
            throw new IllegalStateException(setting + " is damaged: what it signs does not verify with its own public key");
        }
        return key;
    }

    private static PublicKey publicKey(String pem) {
        String setting = WechatSettings.setting("platform-public-key");
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not an RSA public key in X.509 PEM (-----BEGIN PUBLIC KEY-----)");
        }
        requireStrength(key, setting);
        return key;
    }

    private static void requireStrength(java.security.Key key, String setting) {
        int bits = ((RSAKey) key).getModulus().bitLength();
        if (bits < RSA_BITS_MIN) {
            throw new IllegalStateException(setting + " is " + bits + "-bit RSA; at least " + RSA_BITS_MIN + " bits are required");
        }
    }

    /**
     * WeChat Pay holds the merchant's public key, so the pair cannot be checked here; what can be
     * proven is that the private key works: a PKCS#8 RSA key carries its public exponent.
     */
    private static boolean signsForItsPublicHalf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            return true;
        }
        try {
            PublicKey publicHalf = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            byte[] probe = "payonce wechat key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicHalf);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A PEM block's DER bytes; an environment variable may carry its line breaks as literal {@code \n}. */
    private static byte[] der(String pem) {
        String base64 = pem.replace("\\n", "\n").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
