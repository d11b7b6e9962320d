package io.payonce.payments;

import java.time.Instant;

/** One attempt to collect an order's amount through a channel. */
public record Payment(String id, String orderId, String channel, PaymentStatus status, long amount, String currency,
                      String tradeNo, String payUrl, String failureCode, Instant createdAt, Instant succeededAt) {
}
