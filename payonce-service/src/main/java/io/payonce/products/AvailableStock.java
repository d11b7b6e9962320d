package io.payonce.products;

/**
 * How many card keys of a sku are unreserved now. The card-key stock implements it, so the
 * product pages show stock while this package stays ignorant of the stock's tables (and the
 * dependency points one way: cardkeys uses products, never the reverse).
 */
public interface AvailableStock {

    long available(String sku);
}
