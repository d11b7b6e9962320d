package io.payonce.payments;

import java.time.Instant;

/**
 * One attempt to collect an order's amount through a channel. {@code channel} is the channel
 * really used; {@code requestedChannel} the one the caller asked for (they differ when a fallback
 * took the payment while the requested channel's breaker was open).
 */
public record Payment(String id, String orderId, String channel, PaymentStatus status, long amount, String currency,
                      String tradeNo, String payUrl, String failureCode, Instant createdAt, Instant succeededAt,
                      String requestedChannel) {
}
