package io.payonce.gateway.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every key of the sandbox, both sides of each gateway, kept as files in one folder (mode 600):
 * what the gateway holds (Alipay's own key, WeChat Pay's platform key, the merchants' public
 * keys, the APIv3 key) and what a merchant holds (its private keys, the gateways' public keys).
 * Made once, on the first start, and reused after, so a restarted sandbox still verifies what it
 * signed before. {@link #writeMerchantProperties} hands payonce its side as the service's own
 * settings ({@code payonce.channels.*}).
 *
 * <p>File names, all PEM unless said otherwise: {@code alipay-gateway-private.pem},
 * {@code alipay-public.pem} (the gateway's public key, which merchants verify with),
 * {@code alipay-app-private.pem}, {@code alipay-app-public.pem}, {@code wechat-platform-private.pem},
 * {@code wechat-platform-public.pem}, {@code wechat-merchant-private.pem},
 * {@code wechat-merchant-public.pem}, {@code wechat-api-v3-key.txt} (32 ASCII characters),
 * {@code ids.properties} (app id, merchant id, serial, public key id).
 */
public record SandboxKeys(String alipayAppId, KeyPair alipayGateway, KeyPair alipayApp,
                          String wechatAppId, String wechatMchId, String wechatMerchantSerial, String wechatPlatformPublicKeyId,
                          KeyPair wechatPlatform, KeyPair wechatMerchant, String wechatApiV3Key) {

    public static final String MERCHANT_PROPERTIES = "merchant.properties";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String API_V3_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Fresh keys and ids. */
    public static SandboxKeys generate() {
        byte[] serial = new byte[20];
        RANDOM.nextBytes(serial);
        StringBuilder apiV3Key = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            apiV3Key.append(API_V3_ALPHABET.charAt(RANDOM.nextInt(API_V3_ALPHABET.length())));
        }
        return new SandboxKeys("2021000000000001", rsa(), rsa(),
                "wx5f0000000000a001", "1900000001", HexFormat.of().withUpperCase().formatHex(serial),
                "PUB_KEY_ID_" + (1_000_000_000L + RANDOM.nextLong(9_000_000_000L)) + "SANDBOX",
                rsa(), rsa(), apiV3Key.toString());
    }

    /** The keys in {@code dir}, made and written there first if the folder holds none. */
    public static SandboxKeys loadOrCreate(Path dir) {
        try {
            if (Files.exists(dir.resolve("ids.properties"))) {
                return load(dir);
            }
            SandboxKeys keys = generate();
            keys.write(dir);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the sandbox keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The sandbox keys in " + dir + " do not parse", e);
        }
    }

    /**
     * Writes payonce's side as the service's settings: the gateway URLs under {@code gatewayBaseUrl}
     * ({@code http://127.0.0.1:9090}) and the merchant's key files in this folder.
     */
    public Path writeMerchantProperties(Path dir, String gatewayBaseUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("payonce.channels.alipay.enabled", "true");
        settings.put("payonce.channels.alipay.gateway-url", gatewayBaseUrl + "/alipay/gateway.do");
        settings.put("payonce.channels.alipay.app-id", alipayAppId);
        settings.put("payonce.channels.alipay.app-private-key-file", dir.resolve("alipay-app-private.pem").toString());
        settings.put("payonce.channels.alipay.alipay-public-key-file", dir.resolve("alipay-public.pem").toString());
        settings.put("payonce.channels.wechat.enabled", "true");
        settings.put("payonce.channels.wechat.base-url", gatewayBaseUrl);
        settings.put("payonce.channels.wechat.app-id", wechatAppId);
        settings.put("payonce.channels.wechat.mch-id", wechatMchId);
        settings.put("payonce.channels.wechat.merchant-serial-number", wechatMerchantSerial);
        settings.put("payonce.channels.wechat.merchant-private-key-file", dir.resolve("wechat-merchant-private.pem").toString());
        settings.put("payonce.channels.wechat.platform-public-key-file", dir.resolve("wechat-platform-public.pem").toString());
        settings.put("payonce.channels.wechat.platform-public-key-id", wechatPlatformPublicKeyId);
        settings.put("payonce.channels.wechat.api-v3-key-file", dir.resolve("wechat-api-v3-key.txt").toString());
        Path file = dir.resolve(MERCHANT_PROPERTIES);
        writeSecret(file, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# payonce's side of the sandbox gateway at " + gatewayBaseUrl + "\n", "\n")));
        return file;
    }

    /** The key as a PEM block ({@code PRIVATE KEY} for PKCS#8, {@code PUBLIC KEY} for X.509). */
    public static String pem(java.security.Key key) {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** A PEM block's (or bare Base64's) DER bytes. */
    public static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    }

    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeKeyPair(dir, "alipay-gateway-private.pem", "alipay-public.pem", alipayGateway);
        writeKeyPair(dir, "alipay-app-private.pem", "alipay-app-public.pem", alipayApp);
        writeKeyPair(dir, "wechat-platform-private.pem", "wechat-platform-public.pem", wechatPlatform);
        writeKeyPair(dir, "wechat-merchant-private.pem", "wechat-merchant-public.pem", wechatMerchant);
        writeSecret(dir.resolve("wechat-api-v3-key.txt"), wechatApiV3Key + "\n");
        // Written last: its presence says the folder is complete.
        writeSecret(dir.resolve("ids.properties"), "alipay.app-id=" + alipayAppId + "\nwechat.app-id=" + wechatAppId
                + "\nwechat.mch-id=" + wechatMchId + "\nwechat.merchant-serial-number=" + wechatMerchantSerial
                + "\nwechat.platform-public-key-id=" + wechatPlatformPublicKeyId + "\n");
    }

    private static SandboxKeys load(Path dir) throws IOException, GeneralSecurityException {
        java.util.Properties ids = new java.util.Properties();
        try (var in = Files.newBufferedReader(dir.resolve("ids.properties"))) {
            ids.load(in);
        }
        return new SandboxKeys(ids.getProperty("alipay.app-id"), readKeyPair(dir, "alipay-gateway-private.pem", "alipay-public.pem"),
                readKeyPair(dir, "alipay-app-private.pem", "alipay-app-public.pem"), ids.getProperty("wechat.app-id"),
                ids.getProperty("wechat.mch-id"), ids.getProperty("wechat.merchant-serial-number"),
                ids.getProperty("wechat.platform-public-key-id"),
                readKeyPair(dir, "wechat-platform-private.pem", "wechat-platform-public.pem"),
                readKeyPair(dir, "wechat-merchant-private.pem", "wechat-merchant-public.pem"),
                Files.readString(dir.resolve("wechat-api-v3-key.txt")).trim());
    }

    private static void writeKeyPair(Path dir, String privateFile, String publicFile, KeyPair pair) {
        writeSecret(dir.resolve(privateFile), pem(pair.getPrivate()));
        writeSecret(dir.resolve(publicFile), pem(pair.getPublic()));
    }

    private static KeyPair readKeyPair(Path dir, String privateFile, String publicFile) throws IOException, GeneralSecurityException {
        return new KeyPair(publicKey(Files.readString(dir.resolve(publicFile))), privateKey(Files.readString(dir.resolve(privateFile))));
    }

    /** Written to a temporary file of mode 600 and moved into place, so no reader sees half a key. */
    private static void writeSecret(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}
