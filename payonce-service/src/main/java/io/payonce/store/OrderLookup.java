package io.payonce.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.payonce.common.Ids;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import io.payonce.products.Catalog;
import io.payonce.products.Product;
import org.springframework.stereotype.Service;

/**
 * The storefront's order lookup: an order number and the email it was bought with show where the
 * order stands, never its card keys or its token. A buyer who lost the order's secret link learns
 * whether the payment arrived; whoever guesses or reads an order number and its buyer's email
 * learns no more than that (docs/security.md). A wrong email and an unknown number are the same
 * empty answer.
 */
@Service
public class OrderLookup {

    /** What a lookup shows. */
    public record Found(String orderId, OrderStatus status, String sku, String productName, int quantity, long amount,
                        String currency, Instant createdAt, Instant paidAt, Instant deliveredAt, long refundedAmount) {
    }

    private final Orders orders;
    private final Catalog catalog;

    OrderLookup(Orders orders, Catalog catalog) {
        this.orders = orders;
        this.catalog = catalog;
    }

    public Optional<Found> find(String orderId, String email) {
        if (!Ids.wellFormed(orderId, "ord") || email == null || email.isBlank()) {
            return Optional.empty();
        }
        return orders.find(orderId).filter(order -> sameEmail(order.buyerEmail(), email)).map(this::found);
    }

    /** Case and surrounding spaces do not matter, as buyers type them; compared without an early exit. */
    static boolean sameEmail(String stored, String given) {
        if (stored == null || stored.isBlank()) {
            return false;
        }
        byte[] a = stored.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] b = given.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    private Found found(Order order) {
        String name = catalog.find(order.sku()).map(Product::name).orElse(order.sku());
        return new Found(order.id(), order.status(), order.sku(), name, order.quantity(), order.amount(), order.currency(),
                order.createdAt(), order.paidAt(), order.deliveredAt(), order.refundedAmount());
    }
}
