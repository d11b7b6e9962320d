package io.payonce.gateway.book;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox gateway's books, whatever protocol a call arrived in: trades keyed by the
 * merchant's {@code out_trade_no}, refunds keyed by its refund number, each call idempotent as a
 * real gateway's is. The protocol packages ({@code alipay}, {@code wechat}) translate their wire
 * format to these calls and back, and nothing else; fault switches are applied here, so they hold
 * for every protocol alike.
 *
 * <p>{@code channel} is {@code alipay} or {@code wechat}: the two gateways keep separate books.
 */
public interface SandboxBook {

    /** Opens a trade, or finds the one a retry names. {@code notifyUrl} receives its notifications. */
    Opened open(OpenRequest request);

    Optional<TradeView> find(String channel, String outTradeNo);

    /** Closes an unpaid trade. */
    Closed close(String channel, String outTradeNo);

    /** Refunds part of a paid trade; a repeated {@code outRefundNo} answers as the first time. */
    Refunded refund(RefundRequest request);

    Optional<RefundView> findRefund(String channel, String outRefundNo);

    /** Every trade paid and every refund booked on {@code day} (Asia/Shanghai, the gateways' clock), for the bill. */
    List<BillEntry> bill(String channel, LocalDate day);

    /**
     * @param answerLost the timeout fault: the call was carried out, but its answer must be lost
     *                   (the protocol layer holds the connection past the client's timeout, then drops it)
     */
    record OpenRequest(String channel, String merchantId, String outTradeNo, long amount, String currency, String subject,
                       String notifyUrl) {
    }

    sealed interface Opened {
        record Created(TradeView trade, boolean answerLost) implements Opened {
        }

        /** Refused: {@code code} in the gateway's vocabulary is up to the protocol; this says why. */
        record Declined(Reason reason, String message) implements Opened {
        }
    }

    sealed interface Closed {
        record Done(TradeView trade) implements Closed {
        }

        record AlreadyPaid(TradeView trade) implements Closed {
        }

        record NotFound() implements Closed {
        }
    }

    record RefundRequest(String channel, String outTradeNo, String outRefundNo, long amount, String currency, String reason) {
    }

    sealed interface Refunded {
        record Done(RefundView refund, boolean answerLost) implements Refunded {
        }

        record Declined(Reason reason, String message) implements Refunded {
        }
    }

    /** Why a call was refused, for the protocol layer to name in its own error codes. */
    enum Reason {
        INVALID_PARAMETER, TRADE_NOT_FOUND, TRADE_CLOSED, TRADE_NOT_PAID, AMOUNT_MISMATCH, REFUND_EXCEEDS_PAID,
        REFUND_NO_REUSED, DECLINED_BY_FAULT_SWITCH, SYSTEM_ERROR
    }

    enum TradeState { WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED }

    record TradeView(String channel, String outTradeNo, String tradeNo, String subject, long amount, String currency,
                     TradeState status, long refundedAmount, String notifyUrl, Instant createdAt, Instant paidAt,
                     Instant closedAt) {
    }

    record RefundView(String channel, String outTradeNo, String outRefundNo, String refundNo, long amount,
                      String currency, Instant createdAt) {
    }

    /** One line of a day's bill: a payment ({@code refundNo} null) or a refund. */
    record BillEntry(String outTradeNo, String tradeNo, String outRefundNo, String refundNo, String subject, long amount,
                     String currency, Instant at) {
    }
}
