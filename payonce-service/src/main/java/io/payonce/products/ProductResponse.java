package io.payonce.products;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A product as the API shows it. {@code available} counts unreserved card keys and is an explicit
 * {@code null} for memberships (which have no stock), even though the service omits nulls elsewhere.
 */
public record ProductResponse(String sku, String name, ProductKind kind, long price, String currency,
                       @JsonInclude(JsonInclude.Include.ALWAYS) Long available, Integer membershipDays,
                       Integer orderQuantityMax, Integer reservationSeconds, boolean flashSale, Integer unpaidUnitsMax,
                       boolean queued) {

    static ProductResponse of(Product product, Long available) {
        return new ProductResponse(product.sku(), product.name(), product.kind(), product.price(), product.currency(),
                available, product.membershipDays(), product.limits().orderQuantityMax(),
                product.limits().reservationSeconds(), product.limits().flashSale(), product.limits().unpaidUnitsMax(),
                product.limits().queued());
    }
}
