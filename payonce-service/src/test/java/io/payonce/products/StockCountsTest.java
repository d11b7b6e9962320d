package io.payonce.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StockCountsTest {

    private final Map<String, Long> levels = new HashMap<>();
    private final Map<String, Integer> counted = new HashMap<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AvailableStock stock = sku -> {
        counted.merge(sku, 1, Integer::sum);
        return levels.getOrDefault(sku, 0L);
    };

    private StockCounts counts(int skusMax) {
        return new StockCounts(stock, now::get, skusMax);
    }

    @Test
    void a_small_stock_is_counted_afresh_on_every_request() {
        StockCounts counts = counts(10);
        levels.put("a", StockCounts.EXACT_BELOW - 1);

        counts.available("a");
        levels.put("a", 0L);

        assertThat(counts.available("a")).isZero();
        assertThat(counted.get("a")).isEqualTo(2);
    }

    @Test
    void a_large_stock_is_counted_once_a_second() {
        StockCounts counts = counts(10);
        levels.put("a", StockCounts.EXACT_BELOW);

        counts.available("a");
        levels.put("a", StockCounts.EXACT_BELOW + 5);
        now.addAndGet(StockCounts.FRESH_NANOS - 1);

        assertThat(counts.available("a")).isEqualTo(StockCounts.EXACT_BELOW);
        assertThat(counted.get("a")).isEqualTo(1);

        now.addAndGet(1);
        assertThat(counts.available("a")).isEqualTo(StockCounts.EXACT_BELOW + 5);
        assertThat(counted.get("a")).isEqualTo(2);
    }

    @Test
    void a_stock_that_fell_below_the_threshold_is_counted_exactly_again() {
        StockCounts counts = counts(10);
        levels.put("a", StockCounts.EXACT_BELOW);
        counts.available("a");
        now.addAndGet(StockCounts.FRESH_NANOS);
        levels.put("a", 3L);

        assertThat(counts.available("a")).isEqualTo(3);
        levels.put("a", 2L);
        assertThat(counts.available("a")).isEqualTo(2);
    }

    @Test
    void past_the_sku_bound_a_new_large_stock_is_counted_afresh_while_those_remembered_stay() {
        StockCounts counts = counts(1);
        levels.put("a", StockCounts.EXACT_BELOW);
        levels.put("b", StockCounts.EXACT_BELOW);
        counts.available("a");

        counts.available("b");
        counts.available("b");
        assertThat(counted.get("b")).as("b is not remembered: the bound is full").isEqualTo(2);

        now.addAndGet(StockCounts.FRESH_NANOS);
        counts.available("a");
        counts.available("a");
        assertThat(counted.get("a")).as("a is still remembered after its recount").isEqualTo(2);
    }

    @Test
    void a_sku_that_fell_small_frees_its_place_for_another() {
        StockCounts counts = counts(1);
        levels.put("a", StockCounts.EXACT_BELOW);
        counts.available("a");
        now.addAndGet(StockCounts.FRESH_NANOS);
        levels.put("a", 1L);
        counts.available("a");
        levels.put("b", StockCounts.EXACT_BELOW);

        counts.available("b");
        counts.available("b");

        assertThat(counted.get("b")).isEqualTo(1);
    }
}
