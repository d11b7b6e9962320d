package io.payonce.channels.wechat;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start-up check of {@link WechatProperties} apart from the keys ({@link WechatKeys}): ids
 * present, URLs that the SDK's calls can be sent to, positive timeouts, and in production no
 * plain-HTTP gateway or notify URL. Each problem starts with the setting's name and its
 * environment variable.
 */
final class WechatSettings {

    static final String PREFIX = "payonce.channels.wechat.";

    private WechatSettings() {
    }

    /** Throws one {@link IllegalStateException} listing every problem; returns the base URL when there is none. */
    static URI check(WechatProperties properties, boolean production) {
        List<String> problems = new ArrayList<>();
        required(problems, "app-id", properties.appId());
        required(problems, "mch-id", properties.mchId());
        required(problems, "merchant-serial-number", properties.merchantSerialNumber());
        required(problems, "platform-public-key-id", properties.platformPublicKeyId());
        URI base = baseUrl(problems, properties.baseUrl(), production);
        notifyUrl(problems, properties.notifyUrl(), production);
        positive(problems, "connect-timeout", properties.connectTimeout());
        positive(problems, "call-timeout", properties.callTimeout());
        positive(problems, "notification-clock-skew-max", properties.notificationClockSkewMax());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join(";\n", problems));
        }
        return base;
    }

    /** {@code payonce.channels.wechat.app-id (PAYONCE_CHANNELS_WECHAT_APP_ID)} */
    static String setting(String name) {
        return PREFIX + name + " (PAYONCE_CHANNELS_WECHAT_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + ")";
    }

    /**
     * The SDK signs the path it was written for ({@code /v3/...}); the calls are moved to another
     * host by rewriting scheme, host and port only, so the base URL may carry nothing else.
     */
    private static URI baseUrl(List<String> problems, String value, boolean production) {
        URI uri;
        try {
            uri = new URI(value == null ? "" : value.strip());
        } catch (URISyntaxException e) {
            problems.add(setting("base-url") + " is not a URL");
            return null;
        }
        boolean https = "https".equals(uri.getScheme());
        if (!https && !"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            problems.add(setting("base-url") + " must be scheme://host[:port] with nothing after it, got '" + value + "'");
            return null;
        }
        if (production && !https) {
            problems.add(setting("base-url") + " must be https in production mode: a plain-HTTP gateway lets anyone on the path "
                    + "read and answer payment calls");
        }
        return uri;
    }

    private static void notifyUrl(List<String> problems, String value, boolean production) {
        String url = value == null ? "" : value.strip();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            problems.add(setting("notify-url") + " must be an http(s) URL, got '" + value + "'");
        } else if (production && (!url.startsWith("https://") || url.contains("{port}"))) {
            problems.add(setting("notify-url") + " must be this shop's public https URL in production mode "
                    + "(WeChat Pay sends notifications to HTTPS only), got '" + value + "'");
        }
    }

    private static void required(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(setting(name) + " must be set when WeChat Pay is enabled");
        }
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(setting(name) + " must be a positive duration, got " + value);
        }
    }
}
