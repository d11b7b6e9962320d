package io.payonce.orders;

import java.time.Instant;

import io.payonce.products.ProductKind;

/** An order as stored. Amounts are minor units of {@code currency}. */
public record Order(
        String id, String sku, ProductKind kind, int quantity, long amount, String currency, OrderStatus status,
        String buyerUserId, String buyerEmail, Integer membershipDays, long refundedAmount,
        Instant createdAt, Instant expiresAt, Instant paidAt, Instant deliveredAt, Instant memberExpiresAt) {
}
