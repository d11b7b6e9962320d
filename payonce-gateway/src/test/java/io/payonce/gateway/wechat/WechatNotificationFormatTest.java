package io.payonce.gateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.notify.NotificationFormat.Notice;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's WeChat Pay notification as the official SDK's {@link NotificationParser} reads
 * it: the signature verifies with the platform key, the resource decrypts with the API v3 key
 * into the SDK's {@link Transaction}; a changed body or another key is refused.
 */
class WechatNotificationFormatTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static final Instant PAID_AT = Instant.parse("2026-11-30T12:00:00Z");
    private static final TradeView PAID = new TradeView("wechat", "pay_notified_00001", "4200000000123", "card key", 2500, "CNY",
            TradeState.TRADE_SUCCESS, 0, "http://127.0.0.1:8080/v1/callbacks/wechat", PAID_AT.minusSeconds(30), PAID_AT, null);

    private final WechatNotificationFormat format = new WechatNotificationFormat(KEYS, Clock.systemUTC());

    @Test
    void the_sdk_verifies_and_decrypts_a_paid_notification() {
        HttpRequest request = format.request(URI.create(PAID.notifyUrl()), new Notice(PAID, "notify-0001", PAID_AT)).build();

        Transaction transaction = parser(KEYS).parse(param(request.headers(), body(request)), Transaction.class);

        assertThat(transaction.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(transaction.getOutTradeNo()).isEqualTo("pay_notified_00001");
        assertThat(transaction.getTransactionId()).isEqualTo("4200000000123");
        assertThat(transaction.getAmount().getTotal()).isEqualTo(2500);
        assertThat(transaction.getMchid()).isEqualTo(KEYS.wechatMchId());
        assertThat(body(request)).contains("\"id\":\"notify-0001\"", "\"event_type\":\"TRANSACTION.SUCCESS\"",
                "\"resource_type\":\"encrypt-resource\"", "\"algorithm\":\"AEAD_AES_256_GCM\"", "\"associated_data\":\"transaction\"",
                "\"original_type\":\"transaction\"");
        assertThat(body(request)).doesNotContain("pay_notified_00001");
        assertThat(request.headers().firstValue("Wechatpay-Serial")).contains(KEYS.wechatPlatformPublicKeyId());
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void a_changed_body_does_not_verify() {
        HttpRequest request = format.request(URI.create(PAID.notifyUrl()), new Notice(PAID, "notify-0002", PAID_AT)).build();
        String tampered = body(request).replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS ");

        assertThatThrownBy(() -> parser(KEYS).parse(param(request.headers(), tampered), Transaction.class))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void a_merchant_holding_other_keys_refuses_the_notification() {
        HttpRequest request = format.request(URI.create(PAID.notifyUrl()), new Notice(PAID, "notify-0003", PAID_AT)).build();

        assertThatThrownBy(() -> parser(SandboxKeys.generate()).parse(param(request.headers(), body(request)), Transaction.class))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void each_copy_is_encrypted_afresh_and_keeps_its_notification_id() {
        Notice notice = new Notice(PAID, "notify-0004", PAID_AT);

        String first = body(format.request(URI.create(PAID.notifyUrl()), notice).build());
        String second = body(format.request(URI.create(PAID.notifyUrl()), notice).build());

        assertThat(first).isNotEqualTo(second).contains("\"id\":\"notify-0004\"");
        assertThat(second).contains("\"id\":\"notify-0004\"");
    }

    @Test
    void acknowledged_by_200_or_204_only_and_resent_for_about_24_hours() {
        assertThat(format.acknowledged(200, "")).isTrue();
        assertThat(format.acknowledged(204, "")).isTrue();
        assertThat(format.acknowledged(400, "{\"code\":\"FAIL\"}")).isFalse();
        assertThat(format.acknowledged(500, "")).isFalse();
        assertThat(format.acknowledged(202, "")).isFalse();

        assertThat(format.retrySchedule()).hasSize(15);
        assertThat(format.retrySchedule().stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofHours(24).plusMinutes(4));
        assertThat(format.channel()).isEqualTo("wechat");
    }

    private static NotificationParser parser(SandboxKeys keys) {
        return new NotificationParser(SdkClients.merchantConfig(keys));
    }

    static RequestParam param(HttpHeaders headers, String body) {
        return new RequestParam.Builder()
                .serialNumber(headers.firstValue("Wechatpay-Serial").orElse(null))
                .nonce(headers.firstValue("Wechatpay-Nonce").orElse(null))
                .signature(headers.firstValue("Wechatpay-Signature").orElse(null))
                .timestamp(headers.firstValue("Wechatpay-Timestamp").orElse(null))
                .signType(headers.firstValue("Wechatpay-Signature-Type").orElse(null))
                .body(body)
                .build();
    }

    /** The body a request will send, read back from its publisher. */
    static String body(HttpRequest request) {
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
