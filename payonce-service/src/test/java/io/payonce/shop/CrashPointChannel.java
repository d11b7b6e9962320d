package io.payonce.shop;

import java.util.Map;
import java.util.function.Consumer;

import io.payonce.channels.PaymentChannel;

/**
 * The real channel, with a hook called at named points between the gateway's work and payonce's
 * next step: {@code before_create_trade}, {@code after_create_trade}, {@code after_refund}. Crash
 * tests make the hook die there, in-process or by halting the JVM.
 */
record CrashPointChannel(PaymentChannel delegate, Consumer<String> atPoint) implements PaymentChannel {

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        atPoint.accept("before_create_trade");
        TradeOutcome outcome = delegate.createTrade(request);
        atPoint.accept("after_create_trade");
        return outcome;
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        return delegate.queryTrade(paymentId);
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        return delegate.closeTrade(paymentId);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        RefundOutcome outcome = delegate.refund(request);
        atPoint.accept("after_refund");
        return outcome;
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        return delegate.queryRefund(paymentId, refundId);
    }

    @Override
    public Notification parseNotification(InboundNotification inbound) {
        return delegate.parseNotification(inbound);
    }

    @Override
    public NotificationReply reply(boolean accepted) {
        return delegate.reply(accepted);
    }

    @Override
    public BillDownload downloadBill(java.time.LocalDate day) {
        return delegate.downloadBill(day);
    }
}
