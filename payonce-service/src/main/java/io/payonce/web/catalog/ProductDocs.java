package io.payonce.web.catalog;

import io.payonce.products.ProductKind;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /v1/admin/products} as the description states it. The service reads it as
 * {@link io.payonce.products.CreateProductRequest}, whose numbers are {@link Number} so that 19.99 is
 * refused rather than truncated; on the wire they are integers, and a test keeps the fields the same.
 */
final class ProductDocs {

    private ProductDocs() {
    }

    @Schema(name = "CreateProductRequest", requiredProperties = {"sku", "name", "kind", "price"})
    record CreateProduct(
            @Schema(pattern = "^[A-Za-z0-9._-]{1,64}$", example = "game-key") String sku,
            @Schema(minLength = 1, maxLength = 200, example = "Game key") String name,
            @Schema(implementation = ProductKind.class) String kind,
            @Schema(description = "Minor units of `currency`", minimum = "1", maximum = "10000000000", format = "int64") Long price,
            @Schema(description = "ISO 4217; CNY when left out", pattern = "^[A-Z]{3}$", example = "CNY") String currency,
            @Schema(description = "Required for a MEMBERSHIP, refused for a CARD_KEY", minimum = "1", maximum = "3650") Integer membershipDays,
            @Schema(description = "Units in one order", minimum = "1", maximum = "100") Integer orderQuantityMax,
            @Schema(description = "How long its orders wait for payment; PAYONCE_ORDERS_EXPIRY when left out",
                    minimum = "30", maximum = "86400") Integer reservationSeconds,
            @Schema(description = "Its orders wait PAYONCE_RESERVATIONS_FLASH_SALE_EXPIRY unless reservationSeconds is set")
            Boolean flashSale,
            @Schema(description = "Unpaid units of it held by all buyers together", minimum = "1", maximum = "1000000")
            Integer unpaidUnitsMax,
            @Schema(description = "Queued intake for a flash sale (CARD_KEY only): orders are answered 202 QUEUED at once and "
                    + "reserve their stock later in arrival order, ending PENDING_PAYMENT or SOLD_OUT")
            Boolean queued) {
    }
}
