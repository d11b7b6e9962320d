package io.payonce.web.catalog;

import java.net.URI;

import io.payonce.products.CreateProductRequest;
import io.payonce.products.ProductResponse;
import io.payonce.products.ProductService;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Products over HTTP: created by the admin, read by anyone. */
@RestController
@Tag(name = "Catalog")
class ProductController {

    static final String PRODUCT_EXAMPLE = """
            {"sku":"game-key","name":"Game key","kind":"CARD_KEY","price":1999,"currency":"CNY","available":3,"flashSale":false}""";

    private final ProductService service;

    ProductController(ProductService service) {
        this.service = service;
    }

    /** Nothing is written when the body is refused: it is checked before the transaction starts. */
    @Operation(operationId = "createProduct", summary = "Create a product (a card key or a membership)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ProductDocs.CreateProduct.class),
                    examples = @ExampleObject(name = "walk-through", value = """
                            {"sku":"game-key","name":"Game key","kind":"CARD_KEY","price":1999,"currency":"CNY"}"""))))
    @ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", description = "/v1/products/{sku}",
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = ProductResponse.class),
            examples = @ExampleObject(name = "walk-through", value = PRODUCT_EXAMPLE)))
    @Refusals(ErrorCode.SKU_EXISTS)
    @PostMapping("/v1/admin/products")
    ResponseEntity<ProductResponse> create(@RequestBody CreateProductRequest body) {
        ProductResponse created = service.create(body.toProduct());
        return ResponseEntity.created(URI.create("/v1/products/" + created.sku())).body(created);
    }

    @Operation(operationId = "getProduct", summary = "A product, with the card keys left in stock")
    @ApiResponse(responseCode = "200", description = "The product", content = @Content(schema = @Schema(implementation = ProductResponse.class),
            examples = @ExampleObject(name = "walk-through", value = PRODUCT_EXAMPLE)))
    @Refusals(ErrorCode.PRODUCT_NOT_FOUND)
    @GetMapping("/v1/products/{sku}")
    ProductResponse show(@PathVariable String sku) {
        return service.show(sku);
    }
}
