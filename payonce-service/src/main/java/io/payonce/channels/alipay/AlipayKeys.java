package io.payonce.channels.alipay;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The start-up check of the Alipay settings, and the keys it yields: the app's private key that
 * signs payonce's calls and Alipay's public key that verifies Alipay's answers and notifications.
 * Every refusal names its setting and never quotes a key.
 *
 * @param appPrivateKeyBase64   PKCS#8 DER in Base64, the form the SDK takes
 * @param alipayPublicKeyBase64 X.509 DER in Base64, the form the SDK takes
 */
public record AlipayKeys(String appId, URI gatewayUrl, PrivateKey appPrivateKey, PublicKey alipayPublicKey,
                         String appPrivateKeyBase64, String alipayPublicKeyBase64) {

    /** Alipay requires RSA2 keys of at least 2048 bits. */
    static final int KEY_BITS_MIN = 2048;
    /** A key file is a few kilobytes; a bound keeps a wrong path (a log, a disk image) from being read whole. */
    private static final long KEY_FILE_BYTES_MAX = 64 * 1024;
    /** Alipay app ids are 16 digits today; letters and up to 32 characters leave room without accepting junk. */
    private static final Pattern APP_ID = Pattern.compile("^[0-9A-Za-z]{1,32}$");
    private static final String PREFIX = "payonce.channels.alipay.";

    /** Never prints a key. */
    @Override
    public String toString() {
        return "AlipayKeys[appId=" + appId + ", gatewayUrl=" + gatewayUrl + ", keys=(redacted)]";
    }

    /** Checks every setting the channel needs; throws {@link IllegalStateException} naming the first bad one. */
    public static AlipayKeys load(AlipayProperties settings) {
        String appId = settings.appId() == null ? "" : settings.appId().strip();
        if (!APP_ID.matcher(appId).matches()) {
            throw refused("app-id", "must be the app's id from Alipay's console (letters and digits, at most 32)");
        }
        URI gateway = httpUrl("gateway-url", settings.gatewayUrl());
        httpUrl("notify-url", settings.notifyUrl().replace("{port}", "1"));
        requirePositive("connect-timeout", settings.connectTimeout());
        requirePositive("read-timeout", settings.readTimeout());
        PrivateKey appPrivate = privateKey(pem("app-private-key", settings.appPrivateKey(), settings.appPrivateKeyFile()));
        PublicKey alipayPublic = publicKey("alipay-public-key",
                pem("alipay-public-key", settings.alipayPublicKey(), settings.alipayPublicKeyFile()));
        if (!AlipayProperties.blank(settings.appPublicKeyFile())) {
            PublicKey appPublic = publicKey("app-public-key-file", read("app-public-key-file", settings.appPublicKeyFile()));
            if (!pairs(appPrivate, appPublic)) {
                throw refused("app-public-key-file", "is not the public half of payonce.channels.alipay.app-private-key: "
                        + "the key uploaded to Alipay's console must be the one the private key signs for");
            }
        }
        if (pairs(appPrivate, alipayPublic)) {
            throw refused("alipay-public-key", "is the app's own public key; it must be Alipay's public key, "
                    + "shown in Alipay's console next to the app's key");
        }
        return new AlipayKeys(appId, gateway, appPrivate, alipayPublic,
                Base64.getEncoder().encodeToString(appPrivate.getEncoded()),
                Base64.getEncoder().encodeToString(alipayPublic.getEncoded()));
    }

    /** True when {@code publicKey} verifies what {@code privateKey} signs. */
    static boolean pairs(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAPrivateCrtKey crt && publicKey instanceof RSAPublicKey rsa) {
            return crt.getModulus().equals(rsa.getModulus()) && crt.getPublicExponent().equals(rsa.getPublicExponent());
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(String setting, String inline, String file) {
        boolean hasInline = !AlipayProperties.blank(inline);
        boolean hasFile = !AlipayProperties.blank(file);
        if (hasInline == hasFile) {
            throw refused(setting, (hasInline ? "and " + PREFIX + setting + "-file are both set" : "is not set (nor "
                    + PREFIX + setting + "-file)") + ": give the key inline or as a file, once");
        }
        return hasInline ? inline : read(setting + "-file", file);
    }

    private static String read(String setting, String file) {
        Path path = Path.of(file.strip());
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > KEY_FILE_BYTES_MAX) {
                throw refused(setting, "names " + path + ", which is not a key file (missing, a folder, or over 64 KiB)");
            }
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw refused(setting, "names " + path + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static PrivateKey privateKey(String text) {
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw refused("app-private-key", "is a PKCS#1 key; convert it to PKCS#8 "
                    + "(openssl pkcs8 -topk8 -nocrypt -in app.pem), the form Alipay's Java SDK takes");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
            requireBits("app-private-key", ((RSAPrivateKey) key).getModulus().bitLength());
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw refused("app-private-key", "does not hold an RSA private key in PKCS#8 (PEM or Base64)");
        }
    }

    static PublicKey publicKey(String setting, String text) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text)));
            requireBits(setting, ((RSAPublicKey) key).getModulus().bitLength());
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw refused(setting, "does not hold an RSA public key (PEM \"PUBLIC KEY\" or its Base64)");
        }
    }

    private static void requireBits(String setting, int bits) {
        if (bits < KEY_BITS_MIN) {
            throw refused(setting, "is an RSA key of " + bits + " bits; Alipay's RSA2 needs at least " + KEY_BITS_MIN);
        }
    }

    /** A PEM block's body, or bare Base64 (what Alipay's console shows), as DER bytes. */
    private static byte[] der(String text) {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        return Base64.getDecoder().decode(body);
    }

    private static URI httpUrl(String setting, String value) {
        try {
            URI uri = new URI(value == null ? "" : value.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw refused(setting, "must be an http(s) URL with a host and no user, query or fragment, got '" + printable(value) + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw refused(setting, "is not a URL: '" + printable(value) + "'");
        }
    }

    private static void requirePositive(String setting, java.time.Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw refused(setting, "must be a positive duration, got " + value);
        }
    }

    private static String printable(String value) {
        return value == null ? "" : value.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static IllegalStateException refused(String setting, String why) {
        return new IllegalStateException(PREFIX + setting + " (PAYONCE_CHANNELS_ALIPAY_"
                + setting.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ") " + why);
    }
}
