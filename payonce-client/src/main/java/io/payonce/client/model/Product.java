package io.payonce.client.model;

/** A product as the catalog shows it; the optional limits are null when not set. */
public record Product(String sku, String name, String kind, long price, String currency, Long available, Integer membershipDays,
                      Integer orderQuantityMax, Integer reservationSeconds, Boolean flashSale, Integer unpaidUnitsMax) {
}
