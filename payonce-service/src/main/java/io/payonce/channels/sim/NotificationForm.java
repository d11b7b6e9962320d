package io.payonce.channels.sim;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.Rsa2Signatures;

/**
 * The asynchronous notification as form fields, Alipay style: written and signed by the
 * simulated gateway, read and verified (strictly, without ever throwing) on payonce's side.
 */
final class NotificationForm {

    /** Every field but {@code sign} stays within 256 characters (Alipay's longest documented field). */
    static final int FIELD_LENGTH_MAX = 256;
    /** An RSA-2048 signature is 344 Base64 characters; 1024 leaves room for keys up to 4096 bits and no more. */
    static final int SIGN_LENGTH_MAX = 1024;
    /** Alipay's notifications carry about 30 fields; more than 64 is not a notification. */
    static final int FIELD_COUNT_MAX = 64;

    /** TRADE_FINISHED (paid, no more refunds possible) is a real Alipay status that asks nothing of payonce. */
    static final Set<String> KNOWN_STATUSES = Set.of("WAIT_BUYER_PAY", "TRADE_SUCCESS", "TRADE_CLOSED", "TRADE_FINISHED");

    static final List<String> REQUIRED = List.of("out_trade_no", "trade_no", "total_amount", "trade_status",
            "notify_id", "app_id", "sign_type", "sign");

    /** Alipay writes notify_time as local time in China, without a zone. */
    private static final DateTimeFormatter NOTIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** What one notification says. */
    record Content(String outTradeNo, String tradeNo, long amount, Currency currency, TradeState tradeStatus,
                   String notifyId, Instant notifyTime) {
    }

    private NotificationForm() {
    }

    /** The signed form fields, in a readable order. */
    static Map<String, String> build(ChannelSpec spec, PrivateKey privateKey, Content content) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_type", "trade_status_sync");
        form.put("notify_id", content.notifyId());
        form.put("notify_time", NOTIFY_TIME.format(content.notifyTime()));
        form.put("app_id", spec.appId());
        form.put("charset", "utf-8");
        form.put("version", "1.0");
        form.put("out_trade_no", content.outTradeNo());
        form.put("trade_no", content.tradeNo());
        form.put("trade_status", content.tradeStatus().name());
        form.put("total_amount", GatewayAmounts.format(content.amount(), content.currency()));
        form.put("currency", content.currency().getCurrencyCode());
        form.put("sign", Rsa2Signatures.sign(form, privateKey));
        form.put("sign_type", Rsa2Signatures.SIGN_TYPE);
        return form;
    }

    /** Verifies and reads a posted form; anything wrong with it is {@link Notification.Invalid}. */
    static Notification parse(ChannelSpec spec, PublicKey publicKey, Map<String, String> form) {
        Optional<String> problem = shapeProblem(form)
                .or(() -> authenticityProblem(spec, publicKey, form));
        return problem.<Notification>map(Notification.Invalid::new).orElseGet(() -> read(spec, form));
    }

    private static Optional<String> shapeProblem(Map<String, String> form) {
        if (form == null || form.isEmpty()) {
            return Optional.of("empty notification");
        }
        if (form.size() > FIELD_COUNT_MAX) {
            return Optional.of("more than " + FIELD_COUNT_MAX + " fields");
        }
        for (Map.Entry<String, String> field : form.entrySet()) {
            int lengthMax = "sign".equals(field.getKey()) ? SIGN_LENGTH_MAX : FIELD_LENGTH_MAX;
            if (field.getKey() == null || field.getKey().length() > FIELD_LENGTH_MAX) {
                return Optional.of("malformed field name");
            }
            if (field.getValue() != null && field.getValue().length() > lengthMax) {
                return Optional.of("field " + field.getKey() + " longer than " + lengthMax + " characters");
            }
        }
        return REQUIRED.stream().filter(name -> isBlank(form.get(name))).findFirst().map(name -> "missing field " + name);
    }

    private static Optional<String> authenticityProblem(ChannelSpec spec, PublicKey publicKey, Map<String, String> form) {
        if (!Rsa2Signatures.SIGN_TYPE.equals(form.get("sign_type"))) {
            return Optional.of("sign_type must be RSA2");
        }
        if (!Rsa2Signatures.verify(form, publicKey)) {
            return Optional.of("bad signature");
        }
        // A valid signature for another merchant's app is still not ours (Alipay's own advice).
        return spec.appId().equals(form.get("app_id")) ? Optional.empty() : Optional.of("app_id is not this channel's");
    }

    private static Notification read(ChannelSpec spec, Map<String, String> form) {
        String status = form.get("trade_status");
        String currencyCode = isBlank(form.get("currency")) ? spec.defaultCurrency() : form.get("currency");
        Optional<Currency> currency = GatewayAmounts.currency(currencyCode);
        if (!KNOWN_STATUSES.contains(status)) {
            return new Notification.Invalid("unknown trade_status");
        }
        if (currency.isEmpty()) {
            return new Notification.Invalid("unknown currency");
        }
        OptionalLong amount = GatewayAmounts.parse(form.get("total_amount"), currency.get());
        if (amount.isEmpty()) {
            return new Notification.Invalid("total_amount is not an amount in " + currency.get().getCurrencyCode());
        }
        String paymentId = form.get("out_trade_no");
        String tradeNo = form.get("trade_no");
        String notifyId = form.get("notify_id");
        return switch (status) {
            case "TRADE_SUCCESS" -> new Notification.Paid(paymentId, tradeNo, amount.getAsLong(), currency.get().getCurrencyCode(), notifyId);
            case "TRADE_CLOSED" -> new Notification.Closed(paymentId, tradeNo, notifyId);
            default -> new Notification.Other(paymentId, tradeNo, status, notifyId);
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
