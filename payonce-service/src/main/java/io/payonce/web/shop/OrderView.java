package io.payonce.web.shop;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.payonce.orders.Order;
import io.payonce.payments.Payment;
import io.payonce.payments.Refund;
import io.payonce.shop.OrderDetails;

/** An order as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderView(String orderId, String status, String sku, int quantity, long amount, String currency,
                 String buyerUserId, Instant createdAt, Instant expiresAt, Instant paidAt, long refundedAmount,
                 List<PaymentView> payments, List<RefundView> refunds, Delivery delivery) {

    static OrderView of(OrderDetails details) {
        Order order = details.order();
        OrderDetails.Delivery delivery = details.delivery();
        return new OrderView(order.id(), order.status().name(), order.sku(), order.quantity(), order.amount(),
                order.currency(), order.buyerUserId(), order.createdAt(), order.expiresAt(), order.paidAt(),
                order.refundedAmount(), details.payments().stream().map(PaymentView::of).toList(),
                details.refunds().stream().map(RefundView::of).toList(),
                delivery == null ? null : new Delivery(delivery.cardKeys(), delivery.memberExpiresAt()));
    }

    /** What the buyer received: card keys, or the membership's new expiry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(List<String> cardKeys, Instant memberExpiresAt) {
    }

    /** A payment attempt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PaymentView(String paymentId, String orderId, String status, String channel, String requestedChannel,
                       long amount, String currency, String tradeNo, String payUrl, String failureCode, Instant createdAt,
                       Instant succeededAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.orderId(), p.status().name(), p.channel(), p.requestedChannel(), p.amount(),
                    p.currency(), p.tradeNo(), p.payUrl(), p.failureCode(), p.createdAt(), p.succeededAt());
        }
    }

    /** A refund. */
    record RefundView(String refundId, String orderId, String paymentId, long amount, String currency, String status,
                      Instant createdAt) {
        static RefundView of(Refund r) {
            return new RefundView(r.id(), r.orderId(), r.paymentId(), r.amount(), r.currency(), r.status().name(), r.createdAt());
        }
    }
}
