package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Flow;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import io.payonce.channels.PaymentChannel.InboundNotification;
import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.notify.NotificationFormat.Notice;
import io.payonce.gateway.wechat.WechatNotificationFormat;
import org.junit.jupiter.api.Test;

/**
 * WeChat Pay notifications as the sandbox writes them, read by the adapter: a genuine one
 * verifies and decrypts; one forged with another platform key, encrypted with another API v3
 * key, changed in transit, signed too long ago, or for another merchant is Invalid, and nothing
 * thrown, whatever arrives.
 */
class WechatNotificationsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static final TradeView PAID = new TradeView("wechat", "pay_01m8p93dz6w8s859cbh2csmnvq", "4200000000123", "card key",
            2500, "CNY", TradeState.TRADE_SUCCESS, 0, "http://127.0.0.1:8080/v1/callbacks/wechat", NOW.minusSeconds(40), NOW, null);

    private final WechatNotifications notifications = notifications(KEYS);

    @Test
    void a_genuine_payment_notification_is_paid_with_the_transaction() {
        Notification read = notifications.parse(inbound(KEYS, PAID, CLOCK));

        assertThat(read).isEqualTo(new Notification.Paid(PAID.outTradeNo(), "4200000000123", 2500, "CNY", "notify-1"));
    }

    @Test
    void a_closed_trade_is_closed_and_an_unpaid_one_is_other() {
        TradeView closed = withState(TradeState.TRADE_CLOSED);
        TradeView waiting = withState(TradeState.WAIT_BUYER_PAY);

        assertThat(notifications.parse(inbound(KEYS, closed, CLOCK))).isEqualTo(new Notification.Closed(PAID.outTradeNo(), null, "notify-1"));
        assertThat(notifications.parse(inbound(KEYS, waiting, CLOCK))).isEqualTo(new Notification.Other(PAID.outTradeNo(), null, "NOTPAY", "notify-1"));
    }

    @Test
    void a_notification_signed_with_another_platform_key_under_the_right_id_is_invalid() throws Exception {
        SandboxKeys forger = new SandboxKeys(KEYS.alipayAppId(), KEYS.alipayGateway(), KEYS.alipayApp(), KEYS.wechatAppId(),
                KEYS.wechatMchId(), KEYS.wechatMerchantSerial(), KEYS.wechatPlatformPublicKeyId(), rsa(), KEYS.wechatMerchant(),
                KEYS.wechatApiV3Key());

        assertThat(notifications.parse(inbound(forger, PAID, CLOCK))).isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void a_notification_from_another_gateway_entirely_is_invalid() {
        assertThat(notifications.parse(inbound(SandboxKeys.generate(), PAID, CLOCK))).isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void a_resource_encrypted_with_another_api_v3_key_is_invalid_though_signed() {
        SandboxKeys otherApiKey = new SandboxKeys(KEYS.alipayAppId(), KEYS.alipayGateway(), KEYS.alipayApp(), KEYS.wechatAppId(),
                KEYS.wechatMchId(), KEYS.wechatMerchantSerial(), KEYS.wechatPlatformPublicKeyId(), KEYS.wechatPlatform(),
                KEYS.wechatMerchant(), "0123456789abcdefghijABCDEFGHIJ01");

        assertThat(notifications.parse(inbound(otherApiKey, PAID, CLOCK))).isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void a_body_changed_in_transit_is_invalid() {
        InboundNotification genuine = inbound(KEYS, PAID, CLOCK);
        String body = new String(genuine.body(), StandardCharsets.UTF_8);

        for (String tampered : List.of(body.replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS "), body.replace("notify-1", "notify-2"),
                body.replace("\"ciphertext\":\"", "\"ciphertext\":\"AAAA"))) {
            assertThat(notifications.parse(new InboundNotification(genuine.headers(), tampered.getBytes(StandardCharsets.UTF_8))))
                    .as(tampered).isInstanceOf(Notification.Invalid.class);
        }
    }

    @Test
    void a_genuine_notification_signed_more_than_five_minutes_ago_is_invalid() {
        Clock signedEarlier = Clock.fixed(NOW.minus(Duration.ofMinutes(5)).minusSeconds(1), ZoneOffset.UTC);
        Clock signedJustInTime = Clock.fixed(NOW.minus(Duration.ofMinutes(4)), ZoneOffset.UTC);

        assertThat(notifications.parse(inbound(KEYS, PAID, signedEarlier))).isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse(inbound(KEYS, PAID, signedJustInTime))).isInstanceOf(Notification.Paid.class);
    }

    @Test
    void a_transaction_of_another_merchant_is_invalid() {
        WechatNotifications otherMerchant = new WechatNotifications(new NotificationParser(config(KEYS)), KEYS.wechatAppId(), "1900000999",
                Duration.ofMinutes(5), CLOCK);

        assertThat(otherMerchant.parse(inbound(KEYS, PAID, CLOCK))).isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void missing_headers_and_garbage_are_invalid_and_nothing_throws() {
        InboundNotification genuine = inbound(KEYS, PAID, CLOCK);
        Map<String, String> withoutSignature = new HashMap<>(genuine.headers());
        withoutSignature.remove("wechatpay-signature");
        Map<String, String> badTimestamp = new HashMap<>(genuine.headers());
        badTimestamp.put("wechatpay-timestamp", "99999999999999999999");

        assertThat(notifications.parse(new InboundNotification(withoutSignature, genuine.body()))).isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse(new InboundNotification(badTimestamp, genuine.body()))).isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse(new InboundNotification(genuine.headers(), new byte[0]))).isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse(new InboundNotification(genuine.headers(), "{\"id\":".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse(new InboundNotification(Map.of(), "x".repeat(100_000).getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Notification.Invalid.class);
    }

    static WechatNotifications notifications(SandboxKeys keys) {
        return new WechatNotifications(new NotificationParser(config(keys)), keys.wechatAppId(), keys.wechatMchId(), Duration.ofMinutes(5), CLOCK);
    }

    static RSAPublicKeyConfig config(SandboxKeys keys) {
        return new RSAPublicKeyConfig.Builder().merchantId(keys.wechatMchId()).privateKey(keys.wechatMerchant().getPrivate())
                .merchantSerialNumber(keys.wechatMerchantSerial()).publicKey(keys.wechatPlatform().getPublic())
                .publicKeyId(keys.wechatPlatformPublicKeyId()).apiV3Key(keys.wechatApiV3Key()).build();
    }

    /** The sandbox's notification, signed by {@code keys} at {@code clock}'s time, as it reaches the callback endpoint. */
    static InboundNotification inbound(SandboxKeys keys, TradeView trade, Clock clock) {
        HttpRequest request = new WechatNotificationFormat(keys, clock).request(URI.create(trade.notifyUrl()),
                new Notice(trade, "notify-1", clock.instant())).build();
        Map<String, String> headers = new HashMap<>();
        request.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        return new InboundNotification(headers, body(request).getBytes(StandardCharsets.UTF_8));
    }

    private static TradeView withState(TradeState state) {
        return new TradeView(PAID.channel(), PAID.outTradeNo(), PAID.tradeNo(), PAID.subject(), PAID.amount(), PAID.currency(), state, 0,
                PAID.notifyUrl(), PAID.createdAt(), null, state == TradeState.TRADE_CLOSED ? NOW : null);
    }

    private static java.security.KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String body(HttpRequest request) {
        List<ByteBuffer> parts = new ArrayList<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new IllegalStateException(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(StandardCharsets.UTF_8.decode(part)));
        return text.toString();
    }
}
