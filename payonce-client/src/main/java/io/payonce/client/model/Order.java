package io.payonce.client.model;

import java.time.Instant;
import java.util.List;

/** An order; orderToken is set only in the answer that created it. */
public record Order(String orderId, String sku, int quantity, long amount, String currency, String status, String buyerUserId,
                    Instant createdAt, Instant expiresAt, Instant paidAt, Long refundedAmount, Delivery delivery, List<Payment> payments,
                    List<Refund> refunds, String orderToken) {
}
