package io.payonce.products;

import java.util.Objects;

/**
 * A product as the shop sells it. {@code price} is in minor units of {@code currency};
 * {@code membershipDays} is set exactly for {@link ProductKind#MEMBERSHIP} products.
 */
public record Product(String sku, String name, ProductKind kind, long price, String currency, Integer membershipDays,
                      SaleLimits limits) {

    /** A product with no limits of its own: the settings' defaults apply. */
    public Product(String sku, String name, ProductKind kind, long price, String currency, Integer membershipDays) {
        this(sku, name, kind, price, currency, membershipDays, SaleLimits.NONE);
    }

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(limits, "limits");
        // The same rule as the table's CHECK: a broken one here is a bug, not a bad request.
        if ((kind == ProductKind.MEMBERSHIP) != (membershipDays != null)) {
            throw new IllegalArgumentException("membershipDays must be set exactly for MEMBERSHIP products");
        }
    }
}
