package io.payonce.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.payonce.cardkeys.CardKeyStock;
import io.payonce.common.Ids;
import io.payonce.config.PayonceProperties;
import io.payonce.membership.MembershipGrants;
import io.payonce.products.Catalog;
import io.payonce.products.Product;
import io.payonce.products.ProductKind;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creating orders: the price is fixed and the stock reserved in the same transaction. */
@Service
public class OrderService {

    private final OrderRepository orders;
    private final Catalog catalog;
    private final CardKeyStock stock;
    private final MembershipGrants memberships;
    private final Clock clock;
    private final Duration expiry;

    OrderService(OrderRepository orders, Catalog catalog, CardKeyStock stock, MembershipGrants memberships, Clock clock,
                 PayonceProperties properties) {
        this.orders = orders;
        this.catalog = catalog;
        this.stock = stock;
        this.memberships = memberships;
        this.clock = clock;
        this.expiry = properties.orders().expiry();
    }

    /** What a buyer asks for; already validated for shape and bounds. */
    public record NewOrder(String sku, int quantity, String buyerUserId, String buyerEmail) {
    }

    /**
     * Creates the order and reserves its card keys. Not enough stock throws {@code sold_out} and
     * rolls everything back, so a sold-out order leaves no trace but its stored answer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order create(NewOrder request) {
        Product product = catalog.find(request.sku())
                .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND, "No product with sku '" + request.sku() + "'"));
        if (request.quantity() < 1 || request.quantity() > OrderLimits.QUANTITY_MAX) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "quantity: must be between 1 and " + OrderLimits.QUANTITY_MAX);
        }
        if (product.kind() == ProductKind.MEMBERSHIP) {
            requireGrantable(request.buyerUserId(), Math.multiplyExact(product.membershipDays(), request.quantity()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Order order = new Order(Ids.next("ord"), product.sku(), product.kind(), request.quantity(),
                Math.multiplyExact(product.price(), (long) request.quantity()), product.currency(),
                OrderStatus.PENDING_PAYMENT, request.buyerUserId(), request.buyerEmail(),
                product.kind() == ProductKind.MEMBERSHIP ? Math.multiplyExact(product.membershipDays(), request.quantity()) : null,
                0, now, now.plus(expiry), null, null, null);
        orders.insert(order);
        if (product.kind() == ProductKind.CARD_KEY) {
            reserveCardKeys(order);
        }
        return order;
    }

    /** A membership order that could never be delivered is refused before the buyer pays for it. */
    private void requireGrantable(String userId, int days) {
        if (userId == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "buyer.userId: required for a membership product");
        }
        if (!memberships.withinExpiryHorizon(userId, days)) {
            throw new ApiException(ErrorCode.MEMBERSHIP_EXPIRY_LIMIT, "This order's " + days + " days would carry the membership of '"
                    + userId + "' past the furthest expiry granted (" + MembershipGrants.EXPIRY_HORIZON_DAYS + " days from now)");
        }
    }

    private void reserveCardKeys(Order order) {
        int reserved = stock.reserve(order.id(), order.sku(), order.quantity());
        if (reserved < order.quantity()) {
            throw new ApiException(ErrorCode.SOLD_OUT, "Not enough stock of '" + order.sku() + "' for " + order.quantity());
        }
    }
}
