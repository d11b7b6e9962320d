package io.payonce.products;

import java.util.List;
import java.util.Optional;

import io.payonce.common.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The product use cases: create and change one (admin), show one with its stock (public). */
@Service
public class ProductService {

    private final ProductRepository products;
    private final StockCounts counts;
    private final TransactionTemplate transactions;

    ProductService(ProductRepository products, StockCounts counts, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.products = products;
        this.counts = counts;
    }

    public ProductResponse create(Product product) {
        if (!transactions.execute(tx -> products.insertIfAbsent(product))) {
            throw new Refusal(Refusal.Reason.SKU_EXISTS, "A product with sku '" + product.sku() + "' exists");
        }
        return ProductResponse.of(product, availableOf(product));
    }

    /** A new name or price, for orders created from now on; orders made before keep what they were charged. */
    public ProductResponse update(String sku, UpdateProductRequest.Change change) {
        boolean updated = CreateProductRequest.isValidSku(sku) && transactions.execute(tx -> products.update(sku, change));
        products.forget(sku); // after the commit, so no look-up in between keeps the old row for long
        if (!updated) {
            throw new Refusal(Refusal.Reason.PRODUCT_NOT_FOUND, "No product has this sku");
        }
        return show(sku);
    }

    public ProductResponse show(String sku) {
        Product product = findWellFormed(sku)
                .orElseThrow(() -> new Refusal(Refusal.Reason.PRODUCT_NOT_FOUND, "No product has this sku"));
        return ProductResponse.of(product, availableOf(product));
    }

    /** Products with their stock, in the order they were created, at most {@code limit}: the storefront's list. */
    public List<ProductResponse> list(int limit) {
        return products.listed(limit).stream().map(product -> ProductResponse.of(product, availableOf(product))).toList();
    }

    /** A sku the pattern refuses cannot exist, so the database is not asked about it. */
    private Optional<Product> findWellFormed(String sku) {
        return CreateProductRequest.isValidSku(sku) ? products.find(sku) : Optional.empty();
    }

    private Long availableOf(Product product) {
        return switch (product.kind()) {
            case CARD_KEY -> counts.available(product.sku());
            case MEMBERSHIP -> null;
        };
    }
}
