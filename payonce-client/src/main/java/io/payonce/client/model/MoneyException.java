package io.payonce.client.model;

import java.time.Instant;

/** A place where the money and payonce disagree, for an operator. */
public record MoneyException(String id, String kind, String state, String orderId, String paymentId, String channel, Long amount,
                             String currency, String detail, String autoRefund, String refundId, String channelRefundNo, String note,
                             Instant createdAt, Instant updatedAt, Instant resolvedAt) {
}
