package io.payonce.channels.wechat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WeChat Pay v3 settings ({@code payonce.channels.wechat.*}, env {@code PAYONCE_CHANNELS_WECHAT_*}).
 * Checked at start-up only when {@code enabled} ({@link WechatSettings}); each key is given
 * inline or as a file, never both.
 *
 * @param baseUrl                   {@code scheme://host[:port]} every SDK call is sent to (WeChat Pay's own host by default; the sandbox gateway's in sandbox)
 * @param merchantSerialNumber      the serial of the merchant's API certificate, sent with every signature
 * @param merchantPrivateKey        the merchant's API private key (PKCS#8 PEM, {@code apiclient_key.pem})
 * @param platformPublicKey         WeChat Pay's platform public key (X.509 PEM), which answers and notifications are verified with
 * @param platformPublicKeyId       its id ({@code PUB_KEY_ID_...}), which WeChat Pay names in {@code Wechatpay-Serial}
 * @param apiV3Key                  the 32-character API v3 key that notifications' resources are encrypted with
 * @param notifyUrl                 where WeChat Pay sends notifications; {@code {port}} becomes this server's port once it listens
 * @param connectTimeout            TCP connect timeout of one call
 * @param callTimeout               the whole of one call, answer included: past it the outcome is unknown
 * @param notificationClockSkewMax  a notification signed further than this from our clock is refused (WeChat Pay's own window is 5 minutes)
 */
@ConfigurationProperties("payonce.channels.wechat")
public record WechatProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("https://api.mch.weixin.qq.com") String baseUrl,
        String appId,
        String mchId,
        String merchantSerialNumber,
        String merchantPrivateKey,
        String merchantPrivateKeyFile,
        String platformPublicKey,
        String platformPublicKeyFile,
        String platformPublicKeyId,
        String apiV3Key,
        String apiV3KeyFile,
        @DefaultValue("http://127.0.0.1:{port}/v1/callbacks/wechat") String notifyUrl,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration callTimeout,
        @DefaultValue("5m") Duration notificationClockSkewMax) {

    /** Ids and URLs as pasted from a console often carry a stray space or newline: they are compared exactly later. */
    public WechatProperties {
        baseUrl = strip(baseUrl);
        appId = strip(appId);
        mchId = strip(mchId);
        merchantSerialNumber = strip(merchantSerialNumber);
        platformPublicKeyId = strip(platformPublicKeyId);
        notifyUrl = strip(notifyUrl);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** Without the keys: a record's own toString would print them into whatever logs the settings. */
    @Override
    public String toString() {
        return "WechatProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", appId=" + appId + ", mchId=" + mchId
                + ", merchantSerialNumber=" + merchantSerialNumber + ", platformPublicKeyId=" + platformPublicKeyId
                + ", notifyUrl=" + notifyUrl + ", keys=(redacted)]";
    }
}
