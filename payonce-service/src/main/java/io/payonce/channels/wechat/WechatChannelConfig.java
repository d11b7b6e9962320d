package io.payonce.channels.wechat;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import okhttp3.OkHttpClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * WeChat Pay v3, when {@code payonce.channels.wechat.enabled}: settings and keys checked before
 * anything is built, the SDK's configuration from fixed keys ({@link RSAPublicKeyConfig}: no
 * certificate download, so it starts offline), and one OkHttp client with the timeouts, the
 * gateway host and the check of signed error answers, shared by both SDK services.
 */
@ConditionalOnBooleanProperty("payonce.channels.wechat.enabled")
@Configuration(proxyBeanMethods = false)
class WechatChannelConfig {

    @Bean
    NotifyUrl wechatNotifyUrl(WechatProperties properties) {
        return new NotifyUrl(properties.notifyUrl() == null ? "" : properties.notifyUrl());
    }

    @Bean
    WechatChannel wechatPayChannel(WechatProperties properties, NotifyUrl notifyUrl, Environment environment, Clock clock) {
        URI baseUrl = WechatSettings.check(properties, production(environment));
        return channel(properties, WechatKeys.load(properties), baseUrl, notifyUrl, clock, UnaryOperator.identity());
    }

    /** The channel on checked settings and keys; {@code http} may add to the OkHttp client (tests answer from it). */
    static WechatChannel channel(WechatProperties properties, WechatKeys keys, URI baseUrl, NotifyUrl notifyUrl, Clock clock,
                                 UnaryOperator<OkHttpClient.Builder> http) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(properties.mchId())
                .privateKey(keys.merchantKey())
                .merchantSerialNumber(properties.merchantSerialNumber())
                .publicKey(keys.platformKey())
                .publicKeyId(properties.platformPublicKeyId())
                .apiV3Key(keys.apiV3Key())
                .build();
        HttpClient client = new DefaultHttpClientBuilder().config(config)
                .okHttpClient(http.apply(okHttp(properties, baseUrl, config).newBuilder()).build()).build();
        WechatNotifications notifications = new WechatNotifications(new NotificationParser(config), properties.appId(),
                properties.mchId(), properties.notificationClockSkewMax(), clock);
        return new WechatChannel(new NativePayService.Builder().httpClient(client).build(),
                new RefundService.Builder().httpClient(client).build(), notifications, properties, notifyUrl);
    }

    /**
     * OkHttp's own retry on a failed connection is off: what may be repeated, and when, is the
     * caller's decision (a retried POST whose first copy arrived is exactly the double charge
     * idempotency keys exist for). Redirects are not followed: WeChat Pay's API never redirects.
     */
    static OkHttpClient okHttp(WechatProperties properties, URI baseUrl, RSAPublicKeyConfig config) {
        return new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(new GatewayHost(baseUrl))
                .addInterceptor(new SignedErrorAnswers(config.createValidator()))
                .build();
    }

    private static boolean production(Environment environment) {
        return "production".equals(environment.getProperty("payonce.mode", "sandbox").strip().toLowerCase(Locale.ROOT));
    }
}
