package io.payonce.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An order to create: a product and a quantity (1 to 100), and optionally the buyer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewOrder(String sku, int quantity, Buyer buyer) {

    public static NewOrder of(String sku, int quantity) {
        return new NewOrder(sku, quantity, null);
    }
}
