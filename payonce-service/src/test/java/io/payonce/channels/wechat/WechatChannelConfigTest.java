package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * When WeChat Pay is the channel {@code wechat} (only when enabled),
 * what start-up refuses (a plain-HTTP gateway in production, a key that does not parse), and what
 * it builds when the settings are right, with no network call.
 */
class WechatChannelConfigTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();

    @Test
    void good_settings_build_the_channel_offline() {
        WechatChannel channel = TestWechatChannels.channel(settings(Map.of()), Clock.systemUTC());

        assertThat(channel.name()).isEqualTo("wechat");
        assertThat(channel.reply(true).status()).isEqualTo(204);
        assertThat(channel.reply(false).status()).isEqualTo(400);
        assertThat(channel.reply(false).body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"notification refused\"}");
    }

    @Test
    void wechat_pay_is_the_channel_wechat_only_when_enabled() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(WechatChannelConfig.class, Properties.class)
                .withBean(Clock.class, Clock::systemUTC);
        String[] base = settings(Map.of()).entrySet().stream().filter(e -> !e.getKey().equals("payonce.channels.wechat.enabled"))
                .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);

        runner.withPropertyValues(base).withPropertyValues("payonce.channels.wechat.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(WechatChannel.class));
        runner.withPropertyValues(base)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatChannel.class));
    }

    @EnableConfigurationProperties(WechatProperties.class)
    static class Properties {
    }

    @Test
    void production_refuses_a_plain_http_gateway() {
        assertThatThrownBy(() -> TestWechatChannels.channel(settings(Map.of("payonce.mode", "production",
                "payonce.channels.wechat.notify-url", "https://shop.example/v1/callbacks/wechat")), Clock.systemUTC()))
                .hasMessage("payonce.channels.wechat.base-url (PAYONCE_CHANNELS_WECHAT_BASE_URL) must be https in production mode: "
                        + "a plain-HTTP gateway lets anyone on the path read and answer payment calls");
    }

    @Test
    void a_damaged_key_stops_start_up_naming_its_setting() {
        assertThatThrownBy(() -> TestWechatChannels.channel(settings(Map.of("payonce.channels.wechat.merchant-private-key",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")), Clock.systemUTC()))
                .hasMessageStartingWith("payonce.channels.wechat.merchant-private-key (PAYONCE_CHANNELS_WECHAT_MERCHANT_PRIVATE_KEY)");
    }

    private static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("payonce.channels.wechat.enabled", "true");
        settings.put("payonce.channels.wechat.base-url", "http://127.0.0.1:9");
        settings.put("payonce.channels.wechat.app-id", KEYS.wechatAppId());
        settings.put("payonce.channels.wechat.mch-id", KEYS.wechatMchId());
        settings.put("payonce.channels.wechat.merchant-serial-number", KEYS.wechatMerchantSerial());
        settings.put("payonce.channels.wechat.merchant-private-key", SandboxKeys.pem(KEYS.wechatMerchant().getPrivate()));
        settings.put("payonce.channels.wechat.platform-public-key", SandboxKeys.pem(KEYS.wechatPlatform().getPublic()));
        settings.put("payonce.channels.wechat.platform-public-key-id", KEYS.wechatPlatformPublicKeyId());
        settings.put("payonce.channels.wechat.api-v3-key", KEYS.wechatApiV3Key());
        settings.putAll(overrides);
        return settings;
    }
}
