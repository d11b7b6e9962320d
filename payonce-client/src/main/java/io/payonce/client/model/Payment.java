package io.payonce.client.model;

import java.time.Instant;

/** A payment attempt of an order. */
public record Payment(String paymentId, String orderId, String channel, String requestedChannel, String status, long amount,
                      String currency, String payUrl, String tradeNo, String failureCode, Instant createdAt, Instant succeededAt) {
}
