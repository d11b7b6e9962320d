package io.payonce.gateway.alipay;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.notify.NotificationFormat;
import org.springframework.stereotype.Component;

/**
 * Alipay's asynchronous notification ({@code notify_type=trade_status_sync}): a form posted to the
 * trade's notify_url, signed RSA2 with the gateway's key over every non-empty field but
 * {@code sign} and {@code sign_type}, sorted (what {@code AlipaySignature.rsaCheckV1} verifies).
 * Acknowledged only by status 200 and the body {@code success}.
 */
@Component
class AlipayNotificationFormat implements NotificationFormat {

    /**
     * Alipay's own schedule after the first notification: 4m, 10m, 10m, 1h, 2h, 6h, 15h, eight
     * notifications over about 25 hours (the notifier scales it for tests).
     */
    private static final List<Duration> SCHEDULE = List.of(Duration.ofMinutes(4), Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));
    /** The sandbox's buyer and seller, in Alipay's 2088... form of user ids. */
    private static final String BUYER_ID = "2088000000000001";
    private static final String SELLER_ID = "2088000000000000";

    private final String appId;
    private final String gatewayPrivateKeyBase64;

    AlipayNotificationFormat(SandboxKeys keys) {
        this.appId = keys.alipayAppId();
        this.gatewayPrivateKeyBase64 = Base64.getEncoder().encodeToString(keys.alipayGateway().getPrivate().getEncoded());
    }

    @Override
    public String channel() {
        return BizFields.CHANNEL;
    }

    @Override
    public HttpRequest.Builder request(URI notifyUrl, Notice notice) {
        return HttpRequest.newBuilder(notifyUrl)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(signed(fields(notice))), StandardCharsets.UTF_8));
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return status == 200 && body != null && "success".equals(body.strip());
    }

    @Override
    public List<Duration> retrySchedule() {
        return SCHEDULE;
    }

    /** The notification's fields as Alipay sends them, unsigned. */
    Map<String, String> fields(Notice notice) {
        TradeView trade = notice.trade();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", Yuan.time(notice.sentAt()));
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", notice.notifyId());
        fields.put("app_id", appId);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("sign_type", "RSA2");
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("buyer_id", BUYER_ID);
        fields.put("buyer_logon_id", BizFields.buyerLogonId());
        fields.put("seller_id", SELLER_ID);
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", Yuan.of(trade.amount()));
        fields.put("subject", trade.subject());
        fields.put("gmt_create", Yuan.time(trade.createdAt()));
        if (trade.paidAt() != null) {
            String paid = Yuan.of(trade.amount());
            fields.put("receipt_amount", paid);
            fields.put("invoice_amount", paid);
            fields.put("buyer_pay_amount", paid);
            fields.put("point_amount", "0.00");
            fields.put("gmt_payment", Yuan.time(trade.paidAt()));
            fields.put("fund_bill_list", "[{\"amount\":\"" + paid + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        }
        if (trade.refundedAmount() > 0) {
            fields.put("refund_fee", Yuan.of(trade.refundedAmount()));
        }
        if (trade.closedAt() != null) {
            fields.put("gmt_close", Yuan.time(trade.closedAt()));
        }
        return fields;
    }

    /** The fields with their {@code sign}, made by the SDK's own signer. */
    Map<String, String> signed(Map<String, String> fields) {
        try {
            // A copy: the SDK removes the sign fields from the map it is given.
            String content = AlipaySignature.getSignCheckContentV1(new java.util.HashMap<>(fields));
            Map<String, String> signed = new LinkedHashMap<>(fields);
            signed.put("sign", AlipaySignature.rsa256Sign(content, gatewayPrivateKeyBase64, "UTF-8"));
            return signed;
        } catch (AlipayApiException e) {
            throw new IllegalStateException("The sandbox's own Alipay key does not sign", e);
        }
    }

    static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
