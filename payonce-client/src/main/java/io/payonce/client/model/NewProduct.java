package io.payonce.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A product to create: kind CARD_KEY or MEMBERSHIP (with membershipDays); the limits may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewProduct(String sku, String name, String kind, long price, String currency, Integer membershipDays,
                         Integer orderQuantityMax, Integer reservationSeconds, Boolean flashSale, Integer unpaidUnitsMax) {

    /** A card-key product in CNY, without limits. */
    public static NewProduct cardKeys(String sku, String name, long price) {
        return new NewProduct(sku, name, "CARD_KEY", price, "CNY", null, null, null, null, null);
    }

    /** A membership product in CNY granting {@code days} per unit. */
    public static NewProduct membership(String sku, String name, long price, int days) {
        return new NewProduct(sku, name, "MEMBERSHIP", price, "CNY", days, null, null, null, null);
    }
}
