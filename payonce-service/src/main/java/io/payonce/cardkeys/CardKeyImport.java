package io.payonce.cardkeys;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import io.payonce.common.Refusal;
import io.payonce.products.Catalog;
import io.payonce.products.Product;
import io.payonce.products.ProductKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Puts card keys into stock: each code encrypted, stored once ever, whichever sku it came with first. */
@Service
class CardKeyImport {

    /** How many codes the import stored, and how many it skipped as already in stock or repeated. */
    record Result(int imported, int duplicates) {
    }

    private final Catalog catalog;
    private final CardKeyRows rows;
    private final CardKeyCipher cipher;
    private final StockGauges gauges;
    private final TransactionTemplate transactions;

    CardKeyImport(Catalog catalog, CardKeyRows rows, CardKeyCipher cipher, StockGauges gauges, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.rows = rows;
        this.cipher = cipher;
        this.gauges = gauges;
    }

    Result importCodes(String sku, List<String> codes) {
        return transactions.execute(tx -> importInTransaction(sku, codes));
    }

    private Result importInTransaction(String sku, List<String> codes) {
        requireCardKeyProduct(sku);
        List<CardKeyRows.Sealed> sealed = new LinkedHashSet<>(codes).stream()
                .map(code -> new CardKeyRows.Sealed(cipher.digest(code), cipher.encrypt(code)))
                // One order for every import: two imports sharing codes then wait on each other in
                // the same order on the unique index, instead of deadlocking.
                .sorted((a, b) -> Arrays.compareUnsigned(a.digest(), b.digest()))
                .toList();
        int imported = rows.insertNew(sku, sealed);
        gauges.trackAfterCommit(sku);
        return new Result(imported, codes.size() - imported);
    }

    private void requireCardKeyProduct(String sku) {
        Product product = catalog.find(sku)
                .orElseThrow(() -> new Refusal(Refusal.Reason.PRODUCT_NOT_FOUND, "No product has this sku"));
        if (product.kind() != ProductKind.CARD_KEY) {
            throw new Refusal(Refusal.Reason.WRONG_PRODUCT_KIND, "Card keys can only be imported for CARD_KEY products; '"
                    + sku + "' is " + product.kind());
        }
    }
}
