package io.payonce.gateway.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.Refunded;
import org.springframework.stereotype.Component;

/** {@code alipay.trade.refund}: refunds part of a paid trade, idempotent per {@code out_request_no}. */
@Component
class RefundMethod implements AlipayMethod {

    /** Alipay's refund_reason is at most 256 characters. */
    private static final int REASON_LENGTH_MAX = 256;

    private final SandboxBook book;

    RefundMethod(SandboxBook book) {
        this.book = book;
    }

    @Override
    public String name() {
        return "alipay.trade.refund";
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> biz) throws AlipayFailure {
        String outTradeNo = BizFields.merchantNo(biz, "out_trade_no");
        long amount = BizFields.amount(biz, "refund_amount");
        // Alipay lets a single full refund leave out_request_no (it then defaults to the trade's
        // number); payonce always sends one, and the sandbox keeps the default.
        String outRequestNo = biz.containsKey("out_request_no") ? BizFields.merchantNo(biz, "out_request_no") : outTradeNo;
        String reason = biz.get("refund_reason") instanceof String text && text.length() <= REASON_LENGTH_MAX ? text : null;
        return switch (book.refund(new SandboxBook.RefundRequest(BizFields.CHANNEL, outTradeNo, outRequestNo, amount, "CNY", reason))) {
            case Refunded.Done(var refund, boolean answerLost) when answerLost -> throw new AnswerLost(name());
            case Refunded.Done(var refund, boolean answerLost) -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                var trade = book.find(BizFields.CHANNEL, outTradeNo);
                fields.put("trade_no", trade.map(SandboxBook.TradeView::tradeNo).orElse(null));
                fields.put("out_trade_no", outTradeNo);
                fields.put("buyer_logon_id", BizFields.buyerLogonId());
                fields.put("fund_change", "Y");
                fields.put("refund_fee", Yuan.of(trade.map(SandboxBook.TradeView::refundedAmount).orElse(refund.amount())));
                fields.put("gmt_refund_pay", Yuan.time(refund.createdAt()));
                yield fields;
            }
            case Refunded.Declined(var why, var message) ->
                    throw BizFields.refusal(why, message, "ACQ.TRADE_STATUS_ERROR", "ACQ.SELLER_BALANCE_NOT_ENOUGH");
        };
    }
}
