package io.payonce.web.catalog;

import io.payonce.cardkeys.CardKeyImport;
import io.payonce.cardkeys.ImportCodesRequest;
import io.payonce.config.PayonceProperties;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The admin's way to stock card keys. */
@RestController
class CardKeyImportController {

    private final CardKeyImport cardKeyImport;
    private final int batchMax;

    CardKeyImportController(CardKeyImport cardKeyImport, PayonceProperties properties) {
        this.cardKeyImport = cardKeyImport;
        this.batchMax = properties.cardKeys().importBatchMax();
    }

    @PostMapping("/v1/admin/products/{sku}/card-keys")
    CardKeyImport.Result importCodes(@PathVariable String sku, @RequestBody ImportCodesRequest body) {
        return cardKeyImport.importCodes(sku, body.validCodes(batchMax));
    }
}
