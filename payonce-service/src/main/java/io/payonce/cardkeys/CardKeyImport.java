package io.payonce.cardkeys;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.payonce.common.Refusal;
import io.payonce.products.Catalog;
import io.payonce.products.Product;
import io.payonce.products.ProductKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Puts card keys into stock: each code encrypted, stored once ever, whichever sku it came with first. */
@Service
public class CardKeyImport {

    /** How many codes the import stored, and how many it skipped as already in stock or repeated. */
    public record Result(int imported, int duplicates) {
    }

    private final Catalog catalog;
    private final CardKeyRows rows;
    private final CardKeyVersions versions;
    private final CardKeyVault vault;
    private final StockGauges gauges;
    private final TransactionTemplate transactions;

    CardKeyImport(Catalog catalog, CardKeyRows rows, CardKeyVersions versions, CardKeyVault vault, StockGauges gauges,
                  TransactionTemplate transactions) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.rows = rows;
        this.versions = versions;
        this.vault = vault;
        this.gauges = gauges;
    }

    /**
     * Seals under the active key version, held for this transaction (see
     * {@link CardKeyVersions#activeForSealing()}), each code bound to the row id it is reserved.
     */
    public Result importCodes(String sku, List<String> codes) {
        return transactions.execute(tx -> importInTransaction(sku, codes));
    }

    private Result importInTransaction(String sku, List<String> codes) {
        requireCardKeyProduct(sku);
        CardKeyCipher cipher = vault.cipher(versions.activeForSealing());
        List<String> fresh = notStoredUnderOtherVersions(new ArrayList<>(new LinkedHashSet<>(codes)), cipher.version());
        List<Long> ids = rows.nextIds(fresh.size());
        List<CardKeyRows.Sealed> sealed = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            String code = fresh.get(i);
            long id = ids.get(i);
            sealed.add(new CardKeyRows.Sealed(id, cipher.digest(code), cipher.encrypt(code, new CardKeyCipher.Row(sku, id))));
        }
        // One order for every import: two imports sharing codes then wait on each other in the
        // same order on the unique index, instead of deadlocking.
        sealed.sort((a, b) -> Arrays.compareUnsigned(a.digest(), b.digest()));
        int imported = sealed.isEmpty() ? 0 : rows.insertNew(sku, cipher.version(), sealed);
        gauges.trackAfterCommit(sku);
        return new Result(imported, codes.size() - imported);
    }

    /**
     * Drops codes some row holds under another key version: the unique digest column only sees
     * repeats under the active version. Rows cannot move to an older version, and a rotation moving
     * one to the active version meanwhile is caught by the unique index, so the two checks miss nothing.
     */
    private List<String> notStoredUnderOtherVersions(List<String> codes, int activeVersion) {
        List<String> fresh = codes;
        for (CardKeyCipher other : vault.othersThan(activeVersion)) {
            Map<ByteBuffer, String> byDigest = new HashMap<>();
            fresh.forEach(code -> byDigest.put(ByteBuffer.wrap(other.digest(code)), code));
            Set<String> stored = new HashSet<>();
            rows.existingDigests(byDigest.keySet().stream().map(ByteBuffer::array).toList())
                    .forEach(digest -> stored.add(byDigest.get(ByteBuffer.wrap(digest))));
            fresh = fresh.stream().filter(code -> !stored.contains(code)).toList();
        }
        return fresh;
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
