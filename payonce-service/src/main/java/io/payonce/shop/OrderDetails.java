package io.payonce.shop;

import java.time.Instant;
import java.util.List;

import io.payonce.orders.Order;
import io.payonce.payments.Payment;
import io.payonce.payments.Refund;

/** An order with its payment attempts, refunds and, once delivered, what the buyer received. */
public record OrderDetails(Order order, List<Payment> payments, List<Refund> refunds, Delivery delivery) {

    /** What the buyer received: card keys, or the membership's new expiry; null before delivery. */
    public record Delivery(List<String> cardKeys, Instant memberExpiresAt) {
    }
}
