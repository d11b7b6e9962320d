package io.payonce.payments;

import java.time.Instant;

/** A place where the money and payonce disagree, and what became of it. */
public record MoneyException(String id, Kind kind, String causeRef, String orderId, String paymentId, String channel,
                             long amount, String currency, String detail, State state, AutoRefund autoRefund,
                             String refundId, String channelRefundNo, String note, Instant createdAt,
                             Instant updatedAt, Instant resolvedAt) {

    /** What disagrees. */
    public enum Kind {
        /** The gateway took the money for an order payonce had cancelled or expired; the charge is booked. Refunded by payonce. */
        CHARGE_ON_CLOSED_ORDER(true),
        /** The gateway took the money on a payment payonce had failed (its trade closed or not found); not booked. Refunded by payonce. */
        CHARGE_ON_FAILED_PAYMENT(true),
        /** The gateway refused a refund after payonce had set the amount aside: the buyer has not had the money back. */
        REFUND_REFUSED(false),
        /** The janitor asked the gateway about a payment up to its limit and never had an answer that settles it. */
        PAYMENT_UNRESOLVED(false),
        /** The janitor asked the gateway about a refund up to its limit and never had a final answer; its amount stays set aside. */
        REFUND_UNRESOLVED(false);

        private final boolean refundable;

        Kind(boolean refundable) {
            this.refundable = refundable;
        }

        /** Whether payonce refunds it by itself: the whole charge, which payonce never meant to take. */
        public boolean refundable() {
            return refundable;
        }
    }

    /** OPEN until payonce refunded it (REFUNDED) or an operator closed it with a note (RESOLVED). */
    public enum State {
        OPEN, REFUNDED, RESOLVED
    }

    /** payonce's own refund of a refundable exception: being tried, refused by the gateway (left to an operator), or done. */
    public enum AutoRefund {
        PENDING, REFUSED, SUCCEEDED
    }
}
