package io.payonce.cardkeys;

import java.util.List;

/**
 * Card-key stock as the order and payment paths use it. Every method runs inside the caller's
 * transaction, so a reservation or a delivery commits or rolls back with the order change it
 * belongs to.
 */
public interface CardKeyStock {

    /**
     * Reserves {@code quantity} available keys of {@code sku} for the order; returns how many it
     * could reserve. Fewer than asked means sold out: the caller rolls its transaction back.
     */
    int reserve(String orderId, String sku, int quantity);

    /** Marks the order's reserved keys delivered; returns how many. */
    int deliver(String orderId);

    /** Returns the order's reserved (undelivered) keys to stock; returns how many. */
    int release(String orderId);

    /** The order's delivered codes, decrypted, in a stable order. */
    List<String> deliveredCodes(String orderId);

    /** Unreserved keys of the sku now. */
    long available(String sku);
}
