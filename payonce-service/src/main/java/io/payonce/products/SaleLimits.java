package io.payonce.products;

/**
 * A product's own limits against stock hoarding (issue 13); a null field means the setting's
 * default applies ({@code payonce.reservations.*}, {@code payonce.orders.*}).
 *
 * @param orderQuantityMax   units in one order, at most {@code OrderLimits.QUANTITY_MAX} (100)
 * @param reservationSeconds how long an unpaid order keeps its stock
 * @param flashSale          a flash sale: its reservations default to the shorter flash-sale expiry
 * @param unpaidUnitsMax     units of this product held unpaid by all buyers together
 * @param queued             orders are taken in at once (202, QUEUED) and get their stock later, in arrival order (issue 10)
 */
public record SaleLimits(Integer orderQuantityMax, Integer reservationSeconds, boolean flashSale, Integer unpaidUnitsMax,
                         boolean queued) {

    public static final SaleLimits NONE = new SaleLimits(null, null, false, null, false);

    /** Limits of a product whose orders reserve their stock at once. */
    public SaleLimits(Integer orderQuantityMax, Integer reservationSeconds, boolean flashSale, Integer unpaidUnitsMax) {
        this(orderQuantityMax, reservationSeconds, flashSale, unpaidUnitsMax, false);
    }

    /**
     * The global order quantity limit, {@code io.payonce.orders.OrderLimits.QUANTITY_MAX}, repeated
     * because orders depend on products and not the other way round; {@code SaleLimitsTest} holds the two equal.
     */
    public static final int ORDER_QUANTITY_MAX = 100;
    /** 30 s: less would expire an order before a buyer could finish paying at the gateway. */
    static final int RESERVATION_SECONDS_MIN = 30;
    /** One day: the longest a buyer's payment window reasonably stays open. */
    static final int RESERVATION_SECONDS_MAX = 86_400;
    /** A cap larger than any stock a product is imported with in one go (a million keys). */
    static final int UNPAID_UNITS_MAX = 1_000_000;
}
