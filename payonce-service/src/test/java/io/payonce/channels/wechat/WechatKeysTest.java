package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;

import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check of the WeChat Pay settings and keys: what parses starts, and each refusal
 * names its setting without repeating a key.
 */
class WechatKeysTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static final String MERCHANT_PEM = SandboxKeys.pem(KEYS.wechatMerchant().getPrivate());
    private static final String PLATFORM_PEM = SandboxKeys.pem(KEYS.wechatPlatform().getPublic());

    @TempDir
    Path dir;

    @Test
    void keys_from_files_and_inline_values_load() throws Exception {
        Path merchant = Files.writeString(dir.resolve("merchant.pem"), MERCHANT_PEM);
        Path platform = Files.writeString(dir.resolve("platform.pem"), PLATFORM_PEM);
        Path apiV3 = Files.writeString(dir.resolve("v3.txt"), KEYS.wechatApiV3Key() + "\n");

        WechatKeys fromFiles = WechatKeys.load(properties(null, merchant.toString(), null, platform.toString(), null, apiV3.toString()));
        WechatKeys inline = WechatKeys.load(properties(MERCHANT_PEM.replace("\n", "\\n"), null, PLATFORM_PEM, null, KEYS.wechatApiV3Key(), null));

        assertThat(fromFiles.merchantKey()).isEqualTo(KEYS.wechatMerchant().getPrivate());
        assertThat(fromFiles.platformKey()).isEqualTo(KEYS.wechatPlatform().getPublic());
        assertThat(fromFiles.apiV3Key()).isEqualTo(KEYS.wechatApiV3Key());
        assertThat(inline.merchantKey()).isEqualTo(KEYS.wechatMerchant().getPrivate());
        assertThat(inline.toString()).doesNotContain(KEYS.wechatApiV3Key());
    }

    @Test
    void a_1024_bit_merchant_key_is_refused_by_name() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = SandboxKeys.pem(generator.generateKeyPair().getPrivate());

        assertRefused(properties(weak, null, PLATFORM_PEM, null, KEYS.wechatApiV3Key(), null),
                "payonce.channels.wechat.merchant-private-key (PAYONCE_CHANNELS_WECHAT_MERCHANT_PRIVATE_KEY) is 1024-bit RSA", weak);
    }

    @Test
    void a_key_that_does_not_parse_is_refused_without_being_quoted() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----\n";

        assertRefused(properties(garbage, null, PLATFORM_PEM, null, KEYS.wechatApiV3Key(), null),
                "payonce.channels.wechat.merchant-private-key (PAYONCE_CHANNELS_WECHAT_MERCHANT_PRIVATE_KEY) is not an RSA private key",
                "TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD");
        assertRefused(properties(MERCHANT_PEM, null, MERCHANT_PEM, null, KEYS.wechatApiV3Key(), null),
                "payonce.channels.wechat.platform-public-key (PAYONCE_CHANNELS_WECHAT_PLATFORM_PUBLIC_KEY) is not an RSA public key",
                MERCHANT_PEM.substring(40, 100));
    }

    @Test
    void an_api_v3_key_that_is_not_32_bytes_is_refused() {
        String shortKey = KEYS.wechatApiV3Key().substring(1);

        assertRefused(properties(MERCHANT_PEM, null, PLATFORM_PEM, null, shortKey, null),
                "payonce.channels.wechat.api-v3-key (PAYONCE_CHANNELS_WECHAT_API_V3_KEY) must be exactly 32 bytes", shortKey);
    }

    @Test
    void a_key_given_twice_or_not_at_all_or_in_a_missing_file_is_refused() {
        assertRefused(properties(MERCHANT_PEM, "/somewhere.pem", PLATFORM_PEM, null, KEYS.wechatApiV3Key(), null),
                "set only one of them", MERCHANT_PEM.substring(40, 100));
        assertRefused(properties(MERCHANT_PEM, null, null, null, KEYS.wechatApiV3Key(), null),
                "payonce.channels.wechat.platform-public-key (PAYONCE_CHANNELS_WECHAT_PLATFORM_PUBLIC_KEY) or "
                        + "payonce.channels.wechat.platform-public-key-file", "-----");
        assertRefused(properties(MERCHANT_PEM, null, PLATFORM_PEM, null, null, dir.resolve("absent.txt").toString()),
                "payonce.channels.wechat.api-v3-key-file (PAYONCE_CHANNELS_WECHAT_API_V3_KEY_FILE) cannot be read: "
                        + dir.resolve("absent.txt"), "-----");
    }

    @Test
    void production_refuses_a_plain_http_gateway_and_notify_url() {
        WechatProperties sandboxed = settings("http://127.0.0.1:9090", "http://127.0.0.1:{port}/v1/callbacks/wechat");

        assertThat(WechatSettings.check(sandboxed, false)).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThatThrownBy(() -> WechatSettings.check(sandboxed, true))
                .hasMessageStartingWith("payonce.channels.wechat.base-url (PAYONCE_CHANNELS_WECHAT_BASE_URL) must be https in production mode")
                .hasMessageContaining("payonce.channels.wechat.notify-url (PAYONCE_CHANNELS_WECHAT_NOTIFY_URL) must be this shop's public https URL");
        assertThat(WechatSettings.check(settings("https://api.mch.weixin.qq.com", "https://shop.example/v1/callbacks/wechat"), true))
                .isEqualTo(URI.create("https://api.mch.weixin.qq.com"));
    }

    @Test
    void a_base_url_with_a_path_or_missing_ids_is_refused() {
        assertThatThrownBy(() -> WechatSettings.check(settings("http://127.0.0.1:9090/wechat", "http://127.0.0.1:1/n"), false))
                .hasMessageStartingWith("payonce.channels.wechat.base-url (PAYONCE_CHANNELS_WECHAT_BASE_URL) must be scheme://host[:port]");
        WechatProperties noIds = new WechatProperties(true, "https://api.mch.weixin.qq.com", " ", null, "ABC", null, null, null, null,
                "PUB_KEY_ID_1", null, null, "https://shop.example/n", Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertThatThrownBy(() -> WechatSettings.check(noIds, false))
                .hasMessageContaining("payonce.channels.wechat.app-id (PAYONCE_CHANNELS_WECHAT_APP_ID) must be set")
                .hasMessageContaining("payonce.channels.wechat.mch-id (PAYONCE_CHANNELS_WECHAT_MCH_ID) must be set");
    }

    @Test
    void the_settings_never_print_their_keys() {
        WechatProperties properties = properties(MERCHANT_PEM, null, PLATFORM_PEM, null, KEYS.wechatApiV3Key(), null);

        assertThat(properties.toString()).doesNotContain(KEYS.wechatApiV3Key()).doesNotContain(MERCHANT_PEM.substring(40, 100));
    }

    private static void assertRefused(WechatProperties properties, String message, String secret) {
        assertThatThrownBy(() -> WechatKeys.load(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret))
                .hasNoCause();
    }

    private static WechatProperties settings(String baseUrl, String notifyUrl) {
        return new WechatProperties(true, baseUrl, KEYS.wechatAppId(), KEYS.wechatMchId(), KEYS.wechatMerchantSerial(), MERCHANT_PEM, null,
                PLATFORM_PEM, null, KEYS.wechatPlatformPublicKeyId(), KEYS.wechatApiV3Key(), null, notifyUrl, Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    private static WechatProperties properties(String merchantKey, String merchantKeyFile, String platformKey, String platformKeyFile,
                                               String apiV3Key, String apiV3KeyFile) {
        return new WechatProperties(true, "https://api.mch.weixin.qq.com", KEYS.wechatAppId(), KEYS.wechatMchId(),
                KEYS.wechatMerchantSerial(), merchantKey, merchantKeyFile, platformKey, platformKeyFile, KEYS.wechatPlatformPublicKeyId(),
                apiV3Key, apiV3KeyFile, "http://127.0.0.1:{port}/v1/callbacks/wechat", Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofMinutes(5));
    }

}
