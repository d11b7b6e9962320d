package io.payonce.channels.alipay;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.channels.PaymentChannel.Notification;

/**
 * Reads Alipay's asynchronous notification (a signed form): verified with the SDK's own
 * {@link AlipaySignature#rsaCheckV1} under Alipay's public key, then checked to be for this app,
 * then mapped to what payonce applies. Never throws for bad input.
 */
final class AlipayNotifications {

    private final String appId;
    private final String alipayPublicKeyBase64;

    AlipayNotifications(String appId, String alipayPublicKeyBase64) {
        this.appId = appId;
        this.alipayPublicKeyBase64 = alipayPublicKeyBase64;
    }

    Notification parse(byte[] body) {
        Optional<Map<String, String>> form = AlipayForm.fields(body);
        if (form.isEmpty()) {
            return new Notification.Invalid("malformed form (empty, too large, undecodable or a field sent twice)");
        }
        Map<String, String> fields = form.get();
        if (!"RSA2".equals(fields.get("sign_type")) || blank(fields.get("sign"))) {
            return new Notification.Invalid("not signed with RSA2");
        }
        if (!verifies(fields)) {
            return new Notification.Invalid("signature does not verify under Alipay's public key");
        }
        if (!appId.equals(fields.get("app_id"))) {
            return new Notification.Invalid("for another app_id");
        }
        String outTradeNo = fields.get("out_trade_no");
        String notifyId = fields.get("notify_id");
        if (blank(outTradeNo) || blank(notifyId) || blank(fields.get("trade_no"))) {
            return new Notification.Invalid("out_trade_no, trade_no or notify_id missing");
        }
        return status(fields, outTradeNo, fields.get("trade_no"), notifyId);
    }

    private static Notification status(Map<String, String> fields, String outTradeNo, String tradeNo, String notifyId) {
        String status = fields.getOrDefault("trade_status", "");
        return switch (status) {
            case "TRADE_SUCCESS" -> AlipayAmounts.fen(fields.get("total_amount"))
                    .filter(AlipayAmounts::fits)
                    .<Notification>map(fen -> new Notification.Paid(outTradeNo, tradeNo, fen, AlipayAmounts.CURRENCY, notifyId))
                    .orElseGet(() -> new Notification.Invalid("total_amount is not an amount in yuan"));
            // Alipay also reports a trade refunded in full as TRADE_CLOSED, with the refund's fields:
            // that trade was paid, and closing its payment would be wrong.
            case "TRADE_CLOSED" -> blank(fields.get("gmt_refund")) && blank(fields.get("refund_fee"))
                    ? new Notification.Closed(outTradeNo, tradeNo, notifyId)
                    : new Notification.Other(outTradeNo, tradeNo, "TRADE_CLOSED (refunded in full)", notifyId);
            case "WAIT_BUYER_PAY", "TRADE_FINISHED" -> new Notification.Other(outTradeNo, tradeNo, status, notifyId);
            default -> new Notification.Invalid("unknown trade_status");
        };
    }

    private boolean verifies(Map<String, String> fields) {
        try {
            // A copy: the SDK removes the sign fields from the map it is given.
            return AlipaySignature.rsaCheckV1(new HashMap<>(fields), alipayPublicKeyBase64, "UTF-8", "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
