package io.payonce.gateway.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.TradeView;
import org.springframework.stereotype.Component;

/** {@code alipay.trade.query} by {@code out_trade_no}. */
@Component
class QueryMethod implements AlipayMethod {

    private final SandboxBook book;

    QueryMethod(SandboxBook book) {
        this.book = book;
    }

    @Override
    public String name() {
        return "alipay.trade.query";
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> biz) throws AlipayFailure {
        String outTradeNo = BizFields.merchantNo(biz, "out_trade_no");
        TradeView trade = book.find(BizFields.CHANNEL, outTradeNo)
                .orElseThrow(() -> new AlipayFailure("ACQ.TRADE_NOT_EXIST", "交易不存在"));
        return fields(trade);
    }

    static Map<String, Object> fields(TradeView trade) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("buyer_logon_id", BizFields.buyerLogonId());
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", Yuan.of(trade.amount()));
        if (trade.paidAt() != null) {
            fields.put("buyer_pay_amount", Yuan.of(trade.amount()));
            fields.put("receipt_amount", Yuan.of(trade.amount()));
            fields.put("send_pay_date", Yuan.time(trade.paidAt()));
        }
        return fields;
    }
}
