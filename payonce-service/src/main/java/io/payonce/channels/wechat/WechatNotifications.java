package io.payonce.channels.wechat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.payonce.channels.PaymentChannel.InboundNotification;
import io.payonce.channels.PaymentChannel.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads WeChat Pay's notifications: the SDK's {@link NotificationParser} verifies the
 * {@code Wechatpay-*} signature with the platform key and decrypts the AEAD_AES_256_GCM resource
 * with the API v3 key; this class adds what the parser does not check (the signature's age, the
 * merchant the transaction belongs to) and maps the transaction to the port's notification.
 * Anything refused is {@link Notification.Invalid}; nothing here throws.
 */
final class WechatNotifications {

    private static final Logger log = LoggerFactory.getLogger(WechatNotifications.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A real notification is about 1 KB; this bounds what a forged one can make us parse and verify. */
    private static final int BODY_BYTES_MAX = 64 * 1024;
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    private final NotificationParser parser;
    private final String appId;
    private final String mchId;
    private final Duration clockSkewMax;
    private final Clock clock;

    WechatNotifications(NotificationParser parser, String appId, String mchId, Duration clockSkewMax, Clock clock) {
        this.parser = parser;
        this.appId = appId;
        this.mchId = mchId;
        this.clockSkewMax = clockSkewMax;
        this.clock = clock;
    }

    Notification parse(InboundNotification inbound) {
        try {
            return verifiedAndRead(inbound);
        } catch (RuntimeException e) {
            // The parser's exceptions quote the body and headers; the class says enough for a log.
            log.warn("Refused a WeChat Pay notification: {}", e.getClass().getSimpleName());
            return new Notification.Invalid("signature, encryption or content refused (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Notification verifiedAndRead(InboundNotification inbound) {
        String timestamp = inbound.header("Wechatpay-Timestamp");
        if (inbound.header("Wechatpay-Serial") == null || inbound.header("Wechatpay-Nonce") == null
                || inbound.header("Wechatpay-Signature") == null || timestamp == null) {
            return new Notification.Invalid("Wechatpay-Serial, -Nonce, -Signature and -Timestamp are required");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()
                || Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant()).abs().compareTo(clockSkewMax) > 0) {
            return new Notification.Invalid("Wechatpay-Timestamp is malformed or more than " + clockSkewMax.toMinutes() + " minutes away");
        }
        if (inbound.body().length == 0 || inbound.body().length > BODY_BYTES_MAX) {
            return new Notification.Invalid("empty or oversized body");
        }
        String body = new String(inbound.body(), StandardCharsets.UTF_8);
        Transaction transaction = parser.parse(new RequestParam.Builder()
                .serialNumber(inbound.header("Wechatpay-Serial"))
                .nonce(inbound.header("Wechatpay-Nonce"))
                .signature(inbound.header("Wechatpay-Signature"))
                .timestamp(timestamp)
                .signType(inbound.header("Wechatpay-Signature-Type"))
                .body(body)
                .build(), Transaction.class);
        // Verified and decrypted: the outer fields are now WeChat Pay's own words.
        JsonNode outer = JSON.readTree(body);
        String notifyId = text(outer, "id");
        String eventType = text(outer, "event_type");
        String originalType = outer.path("resource").path("original_type").asString(null);
        if (notifyId == null || transaction == null || transaction.getOutTradeNo() == null || !mchId.equals(transaction.getMchid())) {
            return new Notification.Invalid("no notification id or out_trade_no, or a transaction of another merchant");
        }
        if (!"transaction".equals(originalType)) {
            // A refund's or another product's notification: acknowledged so it stops, nothing applied.
            return new Notification.Other(transaction.getOutTradeNo(), transaction.getTransactionId(), eventType, notifyId);
        }
        if (!appId.equals(transaction.getAppid())) {
            return new Notification.Invalid("a transaction of another app");
        }
        return read(transaction, notifyId);
    }

    private static Notification read(Transaction transaction, String notifyId) {
        Transaction.TradeStateEnum state = transaction.getTradeState();
        if (state == Transaction.TradeStateEnum.SUCCESS) {
            if (transaction.getTransactionId() == null || transaction.getAmount() == null || transaction.getAmount().getTotal() == null) {
                return new Notification.Invalid("a paid transaction without transaction_id or amount");
            }
            String currency = transaction.getAmount().getCurrency() == null ? WechatChannel.CNY : transaction.getAmount().getCurrency();
            return new Notification.Paid(transaction.getOutTradeNo(), transaction.getTransactionId(),
                    transaction.getAmount().getTotal().longValue(), currency, notifyId);
        }
        if (state == Transaction.TradeStateEnum.CLOSED) {
            return new Notification.Closed(transaction.getOutTradeNo(), transaction.getTransactionId(), notifyId);
        }
        return new Notification.Other(transaction.getOutTradeNo(), transaction.getTransactionId(),
                state == null ? "UNKNOWN" : state.name(), notifyId);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }
}
