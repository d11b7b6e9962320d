package io.payonce.client.model;

import java.time.Instant;

/** A refund of an order: status PENDING, SUCCEEDED or FAILED. */
public record Refund(String refundId, String orderId, String paymentId, long amount, String currency, String status,
                     Instant createdAt) {
}
