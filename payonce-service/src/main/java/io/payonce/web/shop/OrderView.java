package io.payonce.web.shop;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.payments.Payment;
import io.payonce.payments.PaymentStatus;
import io.payonce.payments.Refund;
import io.payonce.payments.RefundStatus;
import io.payonce.shop.OrderDetails;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An order as the API shows it. {@code orderToken} is never part of it here: {@code OrderTokenAnswers}
 * adds it to the answer that created the order, and the field declares it for the description.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Order", requiredProperties = {"orderId", "status", "sku", "quantity", "amount", "currency", "createdAt",
        "refundedAmount", "payments", "refunds"})
record OrderView(String orderId, @Schema(implementation = OrderStatus.class) String status, String sku, int quantity,
                 @Schema(description = "Minor units of `currency` (fen for CNY)") long amount, String currency,
                 String buyerUserId, Instant createdAt,
                 @Schema(description = "When an unpaid order expires and its stock returns; absent while QUEUED, "
                         + "as the payment window starts when the order's turn reserves its stock") Instant expiresAt,
                 Instant paidAt, long refundedAmount, List<PaymentView> payments, List<RefundView> refunds, Delivery delivery,
                 @Schema(description = "Only in the answer that created the order (and its replays): the buyer's way back "
                         + "to it, sent as `X-Order-Token`") String orderToken) {

    static OrderView of(OrderDetails details) {
        Order order = details.order();
        OrderDetails.Delivery delivery = details.delivery();
        return new OrderView(order.id(), order.status().name(), order.sku(), order.quantity(), order.amount(),
                order.currency(), order.buyerUserId(), order.createdAt(),
                order.status() == OrderStatus.QUEUED ? null : order.expiresAt(), order.paidAt(),
                order.refundedAmount(), details.payments().stream().map(PaymentView::of).toList(),
                details.refunds().stream().map(RefundView::of).toList(),
                delivery == null ? null : new Delivery(delivery.cardKeys(), delivery.memberExpiresAt()), null);
    }

    /** What the buyer received: card keys, or the membership's new expiry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Delivery")
    record Delivery(List<String> cardKeys, Instant memberExpiresAt) {
    }

    /** A payment attempt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Payment", requiredProperties = {"paymentId", "orderId", "status", "channel", "requestedChannel", "amount",
            "currency", "createdAt"})
    record PaymentView(String paymentId, String orderId, @Schema(implementation = PaymentStatus.class) String status,
                       @Schema(example = "alipay", description = "The channel really used") String channel,
                       @Schema(example = "alipay", description = "The channel asked for; differs from channel when a breaker "
                               + "sent the payment to a fallback") String requestedChannel,
                       long amount, String currency, String tradeNo,
                       @Schema(description = "Where the buyer pays") String payUrl, String failureCode, Instant createdAt,
                       Instant succeededAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.orderId(), p.status().name(), p.channel(), p.requestedChannel(), p.amount(),
                    p.currency(), p.tradeNo(), p.payUrl(), p.failureCode(), p.createdAt(), p.succeededAt());
        }
    }

    /** A refund. */
    @Schema(name = "Refund", requiredProperties = {"refundId", "orderId", "paymentId", "amount", "currency", "status", "createdAt"})
    record RefundView(String refundId, String orderId, String paymentId, long amount, String currency,
                      @Schema(implementation = RefundStatus.class) String status, Instant createdAt) {
        static RefundView of(Refund r) {
            return new RefundView(r.id(), r.orderId(), r.paymentId(), r.amount(), r.currency(), r.status().name(), r.createdAt());
        }
    }
}
