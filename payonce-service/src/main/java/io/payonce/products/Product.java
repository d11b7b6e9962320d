package io.payonce.products;

import java.util.Objects;

/**
 * A product as the shop sells it. {@code price} is in minor units of {@code currency};
 * {@code membershipDays} is set exactly for {@link ProductKind#MEMBERSHIP} products.
 */
public record Product(String sku, String name, ProductKind kind, long price, String currency, Integer membershipDays) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        // The same rule as the table's CHECK: a broken one here is a bug, not a bad request.
        if ((kind == ProductKind.MEMBERSHIP) != (membershipDays != null)) {
            throw new IllegalArgumentException("membershipDays must be set exactly for MEMBERSHIP products");
        }
    }
}
