package io.payonce.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.notify.NotificationFormat.Notice;
import org.junit.jupiter.api.Test;

/** The sandbox's Alipay notification is what the SDK's {@code rsaCheckV1} verifies, and nothing altered is. */
class AlipayNotificationFormatTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static final String GATEWAY_PUBLIC = AlipayOpenApiTest.base64(KEYS.alipayGateway().getPublic().getEncoded());
    private final AlipayNotificationFormat format = new AlipayNotificationFormat(KEYS);

    @Test
    void a_paid_trades_notification_is_a_utf8_form_the_sdk_verifies_under_the_gateways_public_key() throws Exception {
        HttpRequest request = format.request(URI.create("http://127.0.0.1:8080/v1/callbacks/alipay"), notice(paidTrade())).build();
        Map<String, String> form = form(body(request));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().firstValue("Content-Type")).hasValue("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(form).containsEntry("notify_type", "trade_status_sync").containsEntry("notify_id", "n-1")
                .containsEntry("app_id", KEYS.alipayAppId()).containsEntry("sign_type", "RSA2")
                .containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("total_amount", "88.88")
                .containsEntry("receipt_amount", "88.88").containsEntry("out_trade_no", "p-notify")
                .containsEntry("subject", "卡密 one card key").containsKey("gmt_payment");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(form), GATEWAY_PUBLIC, "UTF-8", "RSA2")).isTrue();
    }

    @Test
    void a_tampered_field_or_another_key_does_not_verify() throws Exception {
        Map<String, String> form = form(body(format.request(URI.create("http://h/n"), notice(paidTrade())).build()));

        Map<String, String> tampered = new HashMap<>(form);
        tampered.put("total_amount", "8888.00");
        assertThat(AlipaySignature.rsaCheckV1(tampered, GATEWAY_PUBLIC, "UTF-8", "RSA2")).isFalse();

        String otherKey = AlipayOpenApiTest.base64(SandboxKeys.generate().alipayGateway().getPublic().getEncoded());
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(form), otherKey, "UTF-8", "RSA2")).isFalse();
    }

    @Test
    void only_200_with_the_body_success_stops_the_resending() {
        assertThat(format.acknowledged(200, "success")).isTrue();
        assertThat(format.acknowledged(200, "success\n")).isTrue();
        assertThat(format.acknowledged(200, "fail")).isFalse();
        assertThat(format.acknowledged(200, "SUCCESS")).isFalse();
        assertThat(format.acknowledged(500, "success")).isFalse();
        assertThat(format.acknowledged(200, null)).isFalse();
    }

    @Test
    void the_schedule_is_alipays_seven_retries_over_about_25_hours() {
        assertThat(format.retrySchedule()).hasSize(7);
        assertThat(format.retrySchedule().stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(24 * 60 + 24));
        assertThat(format.channel()).isEqualTo("alipay");
    }

    private static TradeView paidTrade() {
        Instant now = Instant.parse("2026-11-30T04:00:00Z");
        return new TradeView("alipay", "p-notify", "2026113022001400001", "卡密 one card key", 8888, "CNY", TradeState.TRADE_SUCCESS,
                0, "http://127.0.0.1:8080/v1/callbacks/alipay", now.minusSeconds(30), now, null);
    }

    private static Notice notice(TradeView trade) {
        return new Notice(trade, "n-1", Instant.parse("2026-11-30T04:00:01Z"));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** The request's body as the HTTP client would send it. */
    static String body(HttpRequest request) throws Exception {
        CompletableFuture<String> text = new CompletableFuture<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            private final StringBuilder bytes = new StringBuilder();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                bytes.append(StandardCharsets.UTF_8.decode(item));
            }

            @Override
            public void onError(Throwable throwable) {
                text.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                text.complete(bytes.toString());
            }
        });
        return text.get();
    }
}
