package io.payonce.gateway.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.Opened;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.web.PayPage;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code alipay.trade.precreate}: opens a trade (or finds the one a retry names) and answers its
 * QR code; the sandbox's QR code is the URL of its own pay page for the trade.
 */
@Component
class PrecreateMethod implements AlipayMethod {

    /** Alipay's subject is at most 256 characters. */
    private static final int SUBJECT_LENGTH_MAX = 256;

    private final SandboxBook book;

    PrecreateMethod(SandboxBook book) {
        this.book = book;
    }

    @Override
    public String name() {
        return "alipay.trade.precreate";
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> bizContent) throws AlipayFailure {
        return handle(appId, bizContent, Map.of());
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> biz, Map<String, String> common) throws AlipayFailure {
        String outTradeNo = BizFields.merchantNo(biz, "out_trade_no");
        long amount = BizFields.amount(biz, "total_amount");
        String subject = BizFields.text(biz, "subject", SUBJECT_LENGTH_MAX);
        String notifyUrl = common.get("notify_url");
        Opened opened = book.open(new SandboxBook.OpenRequest(BizFields.CHANNEL, appId, outTradeNo, amount, "CNY", subject,
                notifyUrl == null || notifyUrl.isBlank() ? null : notifyUrl));
        return switch (opened) {
            case Opened.Created(TradeView trade, boolean answerLost) when answerLost -> throw new AnswerLost(name());
            case Opened.Created(TradeView trade, boolean answerLost) -> answer(trade, amount);
            case Opened.Declined(SandboxBook.Reason reason, String message) ->
                    throw BizFields.refusal(reason, message, "ACQ.TRADE_HAS_CLOSE", "ACQ.ACCESS_FORBIDDEN");
        };
    }

    private Map<String, Object> answer(TradeView trade, long amount) throws AlipayFailure {
        switch (trade.status()) {
            case TRADE_SUCCESS -> throw new AlipayFailure("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            case TRADE_CLOSED -> throw new AlipayFailure("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            case WAIT_BUYER_PAY -> {
            }
        }
        // A retry that names the trade with another amount: the book should refuse it already; never answer it as the same trade.
        if (trade.amount() != amount) {
            throw new AlipayFailure("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("qr_code", payPage(trade.outTradeNo()));
        return fields;
    }

    /** The sandbox's pay page of the trade, under the scheme, host and port the caller reached the gateway at. */
    private static String payPage(String outTradeNo) {
        return PayPage.url(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString(), BizFields.CHANNEL, outTradeNo);
    }
}
