package io.payonce.client;

import java.util.List;
import java.util.Map;

import io.payonce.client.model.CardKeyImport;
import io.payonce.client.model.NewProduct;
import io.payonce.client.model.Product;

/** Products and their stock: reading needs no credential, changing needs the {@code catalog} scope. */
public final class Catalog {

    private final PayonceClient client;

    Catalog(PayonceClient client) {
        this.client = client;
    }

    /** {@code GET /v1/products/{sku}}; {@link ProductNotFound} when there is none. */
    public Result<Product> product(String sku) {
        return client.get("/v1/products/" + PayonceClient.segment(sku), Product.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/products}; {@code 409 sku_exists} when the sku is taken. */
    public Result<Product> createProduct(NewProduct product) {
        return client.post("/v1/admin/products", product, Product.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/products/{sku}/card-keys}: codes already in stock count as duplicates, so a repeat is harmless. */
    public Result<CardKeyImport> importCardKeys(String sku, List<String> codes) {
        return client.post("/v1/admin/products/" + PayonceClient.segment(sku) + "/card-keys", Map.of("codes", codes),
                CardKeyImport.class, RequestOptions.NONE);
    }
}
