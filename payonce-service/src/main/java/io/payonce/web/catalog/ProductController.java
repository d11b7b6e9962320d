package io.payonce.web.catalog;

import java.net.URI;

import io.payonce.products.CreateProductRequest;
import io.payonce.products.ProductResponse;
import io.payonce.products.ProductService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Products over HTTP: created by the admin, read by anyone. */
@RestController
class ProductController {

    private final ProductService service;

    ProductController(ProductService service) {
        this.service = service;
    }

    /** Nothing is written when the body is refused: it is checked before the transaction starts. */
    @PostMapping("/v1/admin/products")
    ResponseEntity<ProductResponse> create(@RequestBody CreateProductRequest body) {
        ProductResponse created = service.create(body.toProduct());
        return ResponseEntity.created(URI.create("/v1/products/" + created.sku())).body(created);
    }

    @GetMapping("/v1/products/{sku}")
    ProductResponse show(@PathVariable String sku) {
        return service.show(sku);
    }
}
