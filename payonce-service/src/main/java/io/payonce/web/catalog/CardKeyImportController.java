package io.payonce.web.catalog;

import io.payonce.cardkeys.CardKeyImport;
import io.payonce.cardkeys.ImportCodesRequest;
import io.payonce.config.PayonceProperties;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The admin's way to stock card keys. */
@RestController
@Tag(name = "Catalog")
class CardKeyImportController {

    /** What an import did: codes stored, and codes already in stock (skipped, so a repeated import is harmless). */
    @Schema(name = "CardKeyImportResult")
    record Imported(int imported, int duplicates) {
    }

    private final CardKeyImport cardKeyImport;
    private final int batchMax;

    CardKeyImportController(CardKeyImport cardKeyImport, PayonceProperties properties) {
        this.cardKeyImport = cardKeyImport;
        this.batchMax = properties.cardKeys().importBatchMax();
    }

    @Operation(operationId = "importCardKeys", summary = "Add card keys to a product's stock; codes already in stock are skipped",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ImportCodesRequest.class),
                    examples = @ExampleObject(name = "walk-through", value = "{\"codes\":[\"AAAA-1111\",\"BBBB-2222\",\"CCCC-3333\"]}"))))
    @ApiResponse(responseCode = "200", description = "Imported", content = @Content(schema = @Schema(implementation = Imported.class),
            examples = @ExampleObject(name = "walk-through", value = "{\"imported\":3,\"duplicates\":0}")))
    @Refusals({ErrorCode.PRODUCT_NOT_FOUND, ErrorCode.WRONG_PRODUCT_KIND})
    @PostMapping("/v1/admin/products/{sku}/card-keys")
    Imported importCodes(@PathVariable String sku, @RequestBody ImportCodesRequest body) {
        CardKeyImport.Result result = cardKeyImport.importCodes(sku, body.validCodes(batchMax));
        return new Imported(result.imported(), result.duplicates());
    }
}
