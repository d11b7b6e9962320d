package io.payonce.orders;

/**
 * The order quantity limit, in one place. The API's validation ({@code ShopRequests}) and the
 * order service read it; the {@code orders.quantity} CHECK (V7) holds the same number, and
 * {@code EdgeAttacksIT.the_order_quantity_limit_is_the_same_in_the_api_and_the_database} fails if
 * the two ever differ. The product price bound is chosen so that price times this quantity cannot
 * overflow ({@code ProductLimitsTest}).
 */
public final class OrderLimits {

    /**
     * Keys or membership periods in one order. 100 is far more than one buyer takes at once, and
     * keeps one order's card-key reservation (a row lock per key) short.
     */
    public static final int QUANTITY_MAX = 100;

    private OrderLimits() {
    }
}
