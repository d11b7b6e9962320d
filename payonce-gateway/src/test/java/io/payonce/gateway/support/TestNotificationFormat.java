package io.payonce.gateway.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.payonce.gateway.book.GatewayAmounts;
import io.payonce.gateway.notify.NotificationFormat;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A plain notification format for the gateway's own tests (the real ones, Alipay's and WeChat
 * Pay's, are tested with their protocols): an unsigned form with the trade's fields, acknowledged
 * by 200 and {@code success}; its schedule is four retries a minute apart. Ordered first, so it
 * replaces a real format of the same channel in the notifier.
 */
public record TestNotificationFormat(String channel) implements NotificationFormat {

    public static final List<Duration> SCHEDULE = List.of(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofMinutes(1));

    @Override
    public HttpRequest.Builder request(URI notifyUrl, Notice notice) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        form.put("out_trade_no", notice.trade().outTradeNo());
        form.put("trade_no", notice.trade().tradeNo());
        form.put("trade_status", notice.trade().status().name());
        form.put("total_amount", GatewayAmounts.format(notice.trade().amount(), Currency.getInstance(notice.trade().currency())));
        form.put("currency", notice.trade().currency());
        form.put("notify_id", notice.notifyId());
        form.put("sent_at", notice.sentAt().toString());
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(notifyUrl)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return status == 200 && "success".equals(body.trim());
    }

    @Override
    public List<Duration> retrySchedule() {
        return SCHEDULE;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The format for both channels. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Both {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        TestNotificationFormat testAlipayFormat() {
            return new TestNotificationFormat("alipay");
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        TestNotificationFormat testWechatFormat() {
            return new TestNotificationFormat("wechat");
        }
    }
}
