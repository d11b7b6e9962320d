package io.payonce.gateway.wechat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.payonce.gateway.book.SandboxBook.RefundView;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;

/**
 * A trade and a refund as WeChat Pay v3 writes them (the query answers, and the plaintext of a
 * notification's resource): field names, states and RFC 3339 times in Beijing time, the shape
 * the SDK's {@code Transaction} and {@code Refund} read.
 */
final class WechatResources {

    /** WeChat Pay's clock, and the offset its times are written with. */
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Native pay collects CNY only. */
    static final String CNY = "CNY";

    private WechatResources() {
    }

    /** The trade as {@code GET /v3/pay/transactions/out-trade-no/..} answers it. */
    static Map<String, Object> transaction(TradeView trade, SandboxKeys keys) {
        boolean paid = trade.paidAt() != null;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("appid", keys.wechatAppId());
        json.put("mchid", keys.wechatMchId());
        json.put("out_trade_no", trade.outTradeNo());
        if (paid) {
            // WeChat Pay gives a transaction_id only once the buyer paid.
            json.put("transaction_id", trade.tradeNo());
        }
        json.put("trade_type", "NATIVE");
        json.put("trade_state", tradeState(trade));
        json.put("trade_state_desc", tradeStateDescription(tradeState(trade)));
        json.put("attach", "");
        if (paid) {
            json.put("bank_type", "OTHERS");
            json.put("success_time", time(trade.paidAt()));
            json.put("payer", Map.of("openid", "o-sandbox-" + trade.outTradeNo()));
        }
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", trade.amount());
        if (paid) {
            amount.put("payer_total", trade.amount());
        }
        amount.put("currency", CNY);
        amount.put("payer_currency", CNY);
        json.put("amount", amount);
        return json;
    }

    /** The refund as {@code POST /v3/refund/domestic/refunds} and its query answer it: done at once in the sandbox. */
    static Map<String, Object> refund(RefundView refund, TradeView trade) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("refund_id", refund.refundNo());
        json.put("out_refund_no", refund.outRefundNo());
        json.put("transaction_id", trade.tradeNo());
        json.put("out_trade_no", refund.outTradeNo());
        json.put("channel", "ORIGINAL");
        json.put("user_received_account", "支付用户零钱");
        json.put("success_time", time(refund.createdAt()));
        json.put("create_time", time(refund.createdAt()));
        json.put("status", "SUCCESS");
        json.put("funds_account", "AVAILABLE");
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", trade.amount());
        amount.put("refund", refund.amount());
        amount.put("from", List.of());
        amount.put("payer_total", trade.amount());
        amount.put("payer_refund", refund.amount());
        amount.put("settlement_refund", refund.amount());
        amount.put("settlement_total", trade.amount());
        amount.put("discount_refund", 0);
        amount.put("currency", CNY);
        amount.put("refund_fee", 0);
        json.put("amount", amount);
        json.put("promotion_detail", List.of());
        return json;
    }

    /** WeChat Pay's trade_state: a paid trade that was refunded since reads REFUND. */
    static String tradeState(TradeView trade) {
        return switch (trade.status()) {
            case WAIT_BUYER_PAY -> "NOTPAY";
            case TRADE_SUCCESS -> trade.refundedAmount() > 0 ? "REFUND" : "SUCCESS";
            case TRADE_CLOSED -> "CLOSED";
        };
    }

    private static String tradeStateDescription(String state) {
        return switch (state) {
            case "NOTPAY" -> "订单未支付";
            case "SUCCESS" -> "支付成功";
            case "REFUND" -> "订单发生过退款";
            default -> "订单已关闭";
        };
    }

    /** RFC 3339 at whole seconds in Beijing time: {@code 2026-11-30T20:51:49+08:00}. */
    static String time(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), BEIJING).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
