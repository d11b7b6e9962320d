package io.payonce.payments;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.orders.Order;
import io.payonce.webhooks.EventType;
import io.payonce.webhooks.Outbox;
import org.springframework.stereotype.Component;

/**
 * The merchant events of an order's money and goods, each written to the outbox in the
 * transaction that makes the change (docs/webhooks.md has the payloads). Never a card key: the
 * body is stored in clear, and the merchant reads the delivery with {@code orders:read}.
 */
@Component
class OrderEvents {

    private final Outbox outbox;

    OrderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void paid(Order order, Payment payment) {
        Map<String, Object> data = order(order);
        data.put("paymentId", payment.id());
        data.put("channel", payment.channel());
        data.put("paidAt", String.valueOf(payment.succeededAt()));
        outbox.record(EventType.ORDER_PAID, order.id(), data);
    }

    void delivered(Order order) {
        Map<String, Object> data = order(order);
        data.put("deliveredAt", String.valueOf(order.deliveredAt()));
        if (order.memberExpiresAt() != null) {
            data.put("memberExpiresAt", order.memberExpiresAt().toString());
        }
        outbox.record(EventType.ORDER_DELIVERED, order.id(), data);
    }

    void refunded(Order order, Refund refund) {
        Map<String, Object> data = order(order);
        data.put("refundId", refund.id());
        data.put("refundAmount", refund.amount());
        data.put("refundedAmount", order.refundedAmount());
        outbox.record(EventType.ORDER_REFUNDED, refund.id(), data);
    }

    void expired(Order order) {
        Map<String, Object> data = order(order);
        data.put("expiredAt", String.valueOf(order.expiresAt()));
        outbox.record(EventType.ORDER_EXPIRED, order.id(), data);
    }

    private static Map<String, Object> order(Order order) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.id());
        data.put("status", order.status().name());
        data.put("sku", order.sku());
        data.put("kind", order.kind().name());
        data.put("quantity", order.quantity());
        data.put("amount", order.amount());
        data.put("currency", order.currency());
        if (order.buyerUserId() != null) {
            data.put("buyerUserId", order.buyerUserId());
        }
        if (order.buyerEmail() != null) {
            data.put("buyerEmail", order.buyerEmail());
        }
        return data;
    }
}
