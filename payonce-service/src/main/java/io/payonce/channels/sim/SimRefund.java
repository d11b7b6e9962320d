package io.payonce.channels.sim;

import java.time.Instant;

/** One refund booked by a simulated gateway; {@code outRequestNo} is payonce's refundId. */
public record SimRefund(String channel, String outRequestNo, String outTradeNo, String refundNo, long amount, String currency,
                 Instant createdAt) {
}
