package io.payonce.gateway.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.Closed;
import org.springframework.stereotype.Component;

/** {@code alipay.trade.close}: closes an unpaid trade; a paid one is refused with {@code ACQ.TRADE_STATUS_ERROR}, as Alipay does. */
@Component
class CloseMethod implements AlipayMethod {

    private final SandboxBook book;

    CloseMethod(SandboxBook book) {
        this.book = book;
    }

    @Override
    public String name() {
        return "alipay.trade.close";
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> biz) throws AlipayFailure {
        String outTradeNo = BizFields.merchantNo(biz, "out_trade_no");
        return switch (book.close(BizFields.CHANNEL, outTradeNo)) {
            case Closed.Done(var trade) -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("trade_no", trade.tradeNo());
                fields.put("out_trade_no", trade.outTradeNo());
                yield fields;
            }
            case Closed.AlreadyPaid paid -> throw new AlipayFailure("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            case Closed.NotFound notFound -> throw new AlipayFailure("ACQ.TRADE_NOT_EXIST", "交易不存在");
        };
    }
}
