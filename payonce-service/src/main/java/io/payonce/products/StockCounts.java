package io.payonce.products;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * The available stock a product page shows. Counting a sku's keys costs time in proportion to its
 * stock (about 150 ms with 150,000 keys), so a large count is reused for a second: a page then says
 * "about 153,600" a moment late, which no buyer can tell, and a busy product page costs one count a
 * second instead of one per request. A count under {@link #EXACT_BELOW} is cheap and is always
 * made afresh, so "sold out" and the last few keys are shown exactly.
 */
@Component
class StockCounts {

    /** Below this many keys a count is exact on every request: it is cheap, and this is where buyers watch it. */
    static final long EXACT_BELOW = 10_000;
    /** How long a large count is reused. */
    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Skus whose large count is remembered, at most: beyond it, counts are made afresh. */
    static final int SKUS_MAX = 10_000;

    private record Count(long available, long countedAtNanos) {
    }

    private final AvailableStock stock;
    private final LongSupplier nanoTime;
    private final int skusMax;
    private final ConcurrentHashMap<String, Count> large = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    StockCounts(AvailableStock stock) {
        this(stock, System::nanoTime, SKUS_MAX);
    }

    StockCounts(AvailableStock stock, LongSupplier nanoTime, int skusMax) {
        this.stock = stock;
        this.nanoTime = nanoTime;
        this.skusMax = skusMax;
    }

    long available(String sku) {
        long now = nanoTime.getAsLong();
        Count remembered = large.get(sku);
        if (remembered != null && now - remembered.countedAtNanos() < FRESH_NANOS) {
            return remembered.available();
        }
        long available = stock.available(sku);
        if (available >= EXACT_BELOW && (remembered != null || large.size() < skusMax)) {
            large.put(sku, new Count(available, now));
        } else {
            large.remove(sku);
        }
        return available;
    }
}
