package io.payonce.shop;

import java.util.List;

import io.payonce.cardkeys.CardKeyStock;
import io.payonce.orders.Order;
import io.payonce.orders.Orders;
import io.payonce.payments.PaymentService;
import io.payonce.payments.RefundService;
import io.payonce.products.ProductKind;
import org.springframework.stereotype.Service;

/** Reading an order with everything that hangs off it. Plain reads: no transaction needed. */
@Service
public class OrderReads {

    private final Orders orders;
    private final PaymentService payments;
    private final RefundService refunds;
    private final CardKeyStock stock;

    OrderReads(Orders orders, PaymentService payments, RefundService refunds, CardKeyStock stock) {
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.stock = stock;
    }

    /** The order with its delivery (card-key codes decrypted): refuses an unknown order. */
    public OrderDetails withDelivery(String orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> Orders.notFound(orderId));
        return new OrderDetails(order, payments.ofOrder(orderId), refunds.ofOrder(orderId), delivery(order));
    }

    /** The order with its payments and refunds, no codes: what a cancel answers. */
    OrderDetails withoutDelivery(Order order) {
        return new OrderDetails(order, payments.ofOrder(order.id()), refunds.ofOrder(order.id()), null);
    }

    public static OrderDetails created(Order order) {
        return new OrderDetails(order, List.of(), List.of(), null);
    }

    private OrderDetails.Delivery delivery(Order order) {
        if (order.deliveredAt() == null) {
            return null;
        }
        return order.kind() == ProductKind.CARD_KEY
                ? new OrderDetails.Delivery(stock.deliveredCodes(order.id()), null)
                : new OrderDetails.Delivery(null, order.memberExpiresAt());
    }
}
