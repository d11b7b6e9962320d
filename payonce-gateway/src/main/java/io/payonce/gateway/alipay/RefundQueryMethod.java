package io.payonce.gateway.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.gateway.book.SandboxBook;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.fastpay.refund.query}: a refund booked under this {@code out_request_no} of
 * this trade answers {@code REFUND_SUCCESS}; none answers success with no refund fields, as
 * Alipay does.
 */
@Component
class RefundQueryMethod implements AlipayMethod {

    private final SandboxBook book;

    RefundQueryMethod(SandboxBook book) {
        this.book = book;
    }

    @Override
    public String name() {
        return "alipay.trade.fastpay.refund.query";
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> biz) throws AlipayFailure {
        String outTradeNo = BizFields.merchantNo(biz, "out_trade_no");
        String outRequestNo = BizFields.merchantNo(biz, "out_request_no");
        var trade = book.find(BizFields.CHANNEL, outTradeNo)
                .orElseThrow(() -> new AlipayFailure("ACQ.TRADE_NOT_EXIST", "交易不存在"));
        Map<String, Object> fields = new LinkedHashMap<>();
        book.findRefund(BizFields.CHANNEL, outRequestNo).filter(refund -> refund.outTradeNo().equals(outTradeNo)).ifPresent(refund -> {
            fields.put("trade_no", trade.tradeNo());
            fields.put("out_trade_no", outTradeNo);
            fields.put("out_request_no", outRequestNo);
            fields.put("total_amount", Yuan.of(trade.amount()));
            fields.put("refund_amount", Yuan.of(refund.amount()));
            fields.put("refund_status", "REFUND_SUCCESS");
            fields.put("gmt_refund_pay", Yuan.time(refund.createdAt()));
        });
        return fields;
    }
}
