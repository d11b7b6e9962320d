package io.payonce.client;

import java.util.Map;

import io.payonce.client.model.BuyerSession;
import io.payonce.client.model.NewOrder;
import io.payonce.client.model.Order;
import io.payonce.client.model.Payment;
import io.payonce.client.model.Refund;

/**
 * The shop: buyer sessions, orders, payments, cancellations and refunds. Every POST here is
 * idempotent: the client sends one Idempotency-Key per call (yours, through
 * {@link RequestOptions#idempotencyKey}, or one it makes) and keeps it across the call's retries.
 * Calls on an order need its token ({@link RequestOptions#orderToken}) unless the client's
 * credential is an API key with the orders scopes.
 */
public final class Orders {

    private final PayonceClient client;

    Orders(PayonceClient client) {
        this.client = client;
    }

    /** {@code POST /v1/buyer-sessions}: an anonymous buyer's token, no credential needed. */
    public Result<BuyerSession> openBuyerSession() {
        return client.post("/v1/buyer-sessions", null, BuyerSession.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/orders}; the answer's {@code orderToken} is the buyer's only way back to the order. */
    public Result<Order> create(NewOrder order) {
        return create(order, RequestOptions.NONE);
    }

    public Result<Order> create(NewOrder order, RequestOptions options) {
        return client.postKeyed("/v1/orders", order, Order.class, options);
    }

    /** {@code GET /v1/orders/{orderId}}. */
    public Result<Order> get(String orderId, RequestOptions options) {
        return client.get(orderPath(orderId), Order.class, options);
    }

    /** {@code POST /v1/orders/{orderId}/payments} on {@code channel} ({@code alipay}, {@code wechat}). */
    public Result<Payment> pay(String orderId, String channel, RequestOptions options) {
        return client.postKeyed(orderPath(orderId) + "/payments", Map.of("channel", channel), Payment.class, options);
    }

    /** {@code POST /v1/orders/{orderId}/cancel}. */
    public Result<Order> cancel(String orderId, RequestOptions options) {
        return client.postKeyed(orderPath(orderId) + "/cancel", null, Order.class, options);
    }

    /** {@code POST /v1/orders/{orderId}/refunds}: needs the {@code refunds} scope; {@link RefundExceedsPaid} past the paid amount. */
    public Result<Refund> refund(String orderId, long amount, RequestOptions options) {
        return client.postKeyed(orderPath(orderId) + "/refunds", Map.of("amount", amount), Refund.class, options);
    }

    public Result<Refund> refund(String orderId, long amount) {
        return refund(orderId, amount, RequestOptions.NONE);
    }

    private static String orderPath(String orderId) {
        return "/v1/orders/" + PayonceClient.segment(orderId);
    }
}
