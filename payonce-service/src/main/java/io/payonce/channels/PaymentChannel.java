package io.payonce.channels;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The port to a payment gateway (Alipay, WeChat Pay, or their simulators). payonce calls it
 * between transactions, never inside one. Every call is idempotent at the gateway: a trade is
 * keyed by payonce's paymentId ({@code out_trade_no}), a refund by payonce's refundId, so a
 * retry after a crash or a timeout cannot open a second trade or refund twice.
 */
public interface PaymentChannel {

    /** The channel's name in URLs and payments: {@code alipay}, {@code wechat}. */
    String name();

    /** Opens (or finds, on a retry) the gateway trade for a payment. */
    TradeOutcome createTrade(TradeRequest request);

    /** Asks the gateway what became of a trade: the only way to settle an UNKNOWN payment. */
    TradeStatus queryTrade(String paymentId);

    /** Closes an unpaid trade so it can no longer be paid; tells when the buyer paid first. */
    CloseOutcome closeTrade(String paymentId);

    /** Refunds part or all of a paid trade; idempotent per refundId. */
    RefundOutcome refund(RefundRequest request);

    /**
     * Asks what became of a refund (Alipay's refund query, WeChat's refund by out_refund_no): the
     * only way to settle a refund whose answer was lost. Safe to repeat.
     */
    RefundQuery queryRefund(String paymentId, String refundId);

    /**
     * Verifies and reads an asynchronous notification as posted: Alipay's signed form, WeChat's
     * signed JSON with its encrypted resource. Returns {@link Notification.Invalid} for a bad
     * signature or malformed content; never throws for bad input.
     */
    Notification parseNotification(InboundNotification inbound);

    /** What the gateway must be answered so that it stops (accepted) or keeps (not accepted) resending. */
    NotificationReply reply(boolean accepted);

    /**
     * The gateway's bill of one day (its own time zone) for reconciliation, as the gateway's file;
     * {@link BillDownload.NotAvailable} where the channel offers none.
     */
    default BillDownload downloadBill(LocalDate day) {
        return new BillDownload.NotAvailable(name() + " offers no bill download in payonce");
    }

    /** A notification as it arrived: its headers (names lower-cased, first value) and its raw body. */
    record InboundNotification(Map<String, String> headers, byte[] body) {
        public InboundNotification {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The HTTP answer to a notification. */
    record NotificationReply(int status, String contentType, String body) {
    }

    /**
     * What payonce asks the gateway to collect. {@code payBy} is when the order expires: the gateway
     * must not take the buyer's money after it (Alipay's {@code time_expire}, WeChat Pay's
     * {@code time_expire}); null leaves the gateway's own default.
     */
    record TradeRequest(String paymentId, String orderId, long amount, String currency, String subject, Instant payBy) {
        public TradeRequest(String paymentId, String orderId, long amount, String currency, String subject) {
            this(paymentId, orderId, amount, currency, subject, null);
        }
    }

    /** The gateway's answer to opening a trade. */
    sealed interface TradeOutcome {
        record Created(String tradeNo, String payUrl) implements TradeOutcome {
        }

        record Declined(String reason) implements TradeOutcome {
        }

        /** Timed out or answered unintelligibly: the trade may or may not exist. */
        record Unknown(String reason) implements TradeOutcome {
        }
    }

    /** A trade as the gateway sees it now. */
    sealed interface TradeStatus {
        record Waiting(String tradeNo) implements TradeStatus {
        }

        record Paid(String tradeNo, long amount, String currency) implements TradeStatus {
        }

        record Closed(String tradeNo) implements TradeStatus {
        }

        record NotFound() implements TradeStatus {
        }

        record Unknown(String reason) implements TradeStatus {
        }
    }

    /** The answer to closing a trade. */
    sealed interface CloseOutcome {
        record Closed() implements CloseOutcome {
        }

        /** The buyer paid before the close arrived: the payment must be applied, not dropped. */
        record AlreadyPaid(String tradeNo, long amount, String currency) implements CloseOutcome {
        }

        record NotFound() implements CloseOutcome {
        }

        record Unknown(String reason) implements CloseOutcome {
        }
    }

    /** A refund of {@code amount} minor units of a paid trade. */
    record RefundRequest(String paymentId, String refundId, long amount, String currency) {
    }

    /** The gateway's answer to a refund. */
    sealed interface RefundOutcome {
        record Succeeded(String channelRefundNo) implements RefundOutcome {
        }

        record Failed(String reason) implements RefundOutcome {
        }

        record Unknown(String reason) implements RefundOutcome {
        }
    }

    /** A refund as the gateway sees it now. */
    sealed interface RefundQuery {
        record Succeeded(String channelRefundNo, long amount) implements RefundQuery {
        }

        /** Accepted by the gateway, money not yet moved (WeChat's PROCESSING). */
        record Processing() implements RefundQuery {
        }

        /** The gateway never booked this refundId: nothing moved, the refund may be retried or released. */
        record NotFound() implements RefundQuery {
        }

        /** The gateway booked it and refused it (WeChat's CLOSED/ABNORMAL). */
        record Failed(String reason) implements RefundQuery {
        }

        record Unknown(String reason) implements RefundQuery {
        }
    }

    /** A day's bill as the gateway hands it out. */
    sealed interface BillDownload {
        /** The file as downloaded; {@code format} names its layout (for example {@code alipay-trade-zip}). */
        record Ready(String format, byte[] file) implements BillDownload {
        }

        record NotAvailable(String reason) implements BillDownload {
        }

        record Unknown(String reason) implements BillDownload {
        }
    }

    /** A verified notification. {@code notifyId} identifies one notification (repeats share it). */
    sealed interface Notification {
        record Paid(String paymentId, String tradeNo, long amount, String currency, String notifyId) implements Notification {
        }

        record Closed(String paymentId, String tradeNo, String notifyId) implements Notification {
        }

        /** A status that needs no action (WAIT_BUYER_PAY, TRADE_FINISHED): acknowledged, nothing applied. */
        record Other(String paymentId, String tradeNo, String tradeStatus, String notifyId) implements Notification {
        }

        record Invalid(String reason) implements Notification {
        }
    }
}
