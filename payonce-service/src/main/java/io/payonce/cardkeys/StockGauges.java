package io.payonce.cardkeys;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.products.Catalog;
import io.payonce.products.ProductKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The gauges {@code payonce.stock.available{sku}} (Prometheus {@code payonce_stock_available}) and
 * {@code payonce.reservations.unpaid.units{sku}} (units reserved by orders waiting for payment).
 * Values are read at scrape time from one grouped count, reused for {@link #FRESHNESS_NANOS}, so a
 * scrape costs one query however many skus there are. Card-key skus are found in the catalog every
 * {@link #DISCOVERY_INTERVAL_MS} (so products created on other instances appear too) and at once
 * when this instance imports keys.
 */
@Component
class StockGauges {

    static final String NAME = "payonce.stock.available";
    static final String UNPAID_NAME = "payonce.reservations.unpaid.units";
    /** Each sku is a time series: past this many, further skus are not exported, to keep Prometheus healthy. */
    static final int SKUS_MAX = 1_000;
    static final long DISCOVERY_INTERVAL_MS = 10_000;
    /** One scrape reads every sku's gauge: they share one query as long as it is this fresh. */
    private static final long FRESHNESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(StockGauges.class);

    private final MeterRegistry registry;
    private final Catalog catalog;
    private final CardKeyRows rows;
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    // A lock rather than synchronized: the query inside would pin a virtual thread on Java 21.
    private final ReentrantLock refresh = new ReentrantLock();
    /** One scrape's numbers: available and reserved keys by sku. */
    private record Levels(Map<String, Long> available, Map<String, Long> reserved) {
    }

    private Levels levels = new Levels(Map.of(), Map.of());
    private long levelsReadAt;
    private boolean stale = true;

    StockGauges(MeterRegistry registry, Catalog catalog, CardKeyRows rows) {
        this.registry = registry;
        this.catalog = catalog;
        this.rows = rows;
    }

    @Scheduled(fixedDelay = DISCOVERY_INTERVAL_MS)
    void discoverSkus() {
        catalog.skus(ProductKind.CARD_KEY, SKUS_MAX).forEach(this::track);
    }

    /** Shows the sku's gauge, with fresh numbers, once the importing transaction has committed. */
    void trackAfterCommit(String sku) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                track(sku);
                markStale();
            }
        });
    }

    void track(String sku) {
        if (tracked.contains(sku)) {
            return;
        }
        if (tracked.size() >= SKUS_MAX) {
            log.warn("Not exporting {} for sku {}: already {} skus tracked", NAME, sku, SKUS_MAX);
            return;
        }
        if (!tracked.add(sku)) {
            return;
        }
        Gauge.builder(NAME, this, gauges -> gauges.level(sku))
                .tag("sku", sku)
                .description("Card keys of the sku not reserved by any order")
                .strongReference(true)
                .register(registry);
        Gauge.builder(UNPAID_NAME, this, gauges -> gauges.levels().reserved().getOrDefault(sku, 0L))
                .tag("sku", sku)
                .description("Card keys of the sku reserved by orders waiting for payment")
                .strongReference(true)
                .register(registry);
    }

    private double level(String sku) {
        return levels().available().getOrDefault(sku, 0L);
    }

    private Levels levels() {
        refresh.lock();
        try {
            if (stale || System.nanoTime() - levelsReadAt > FRESHNESS_NANOS) {
                levels = new Levels(rows.countAvailableBySku(), rows.countReservedBySku());
                levelsReadAt = System.nanoTime();
                stale = false;
            }
            return levels;
        } finally {
            refresh.unlock();
        }
    }

    private void markStale() {
        refresh.lock();
        try {
            stale = true;
        } finally {
            refresh.unlock();
        }
    }
}
