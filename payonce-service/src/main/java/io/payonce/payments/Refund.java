package io.payonce.payments;

import java.time.Instant;

/** A refund of part or all of an order's paid amount. */
public record Refund(String id, String orderId, String paymentId, long amount, String currency, RefundStatus status,
                     Instant createdAt) {
}
