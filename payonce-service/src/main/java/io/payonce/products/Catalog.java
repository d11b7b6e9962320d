package io.payonce.products;

import java.util.List;
import java.util.Optional;

/** The product catalog as other capabilities read it (orders price and reserve by sku). */
public interface Catalog {

    /** The product with this sku, if there is one. */
    Optional<Product> find(String sku);

    /** Skus of one kind in sku order, at most {@code limit}: for per-product reporting such as stock gauges. */
    List<String> skus(ProductKind kind, int limit);
}
