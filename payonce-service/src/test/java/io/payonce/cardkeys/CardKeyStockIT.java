package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.payonce.products.ShopHttp;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class CardKeyStockIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CardKeyStock stock;
    @Autowired
    PlatformTransactionManager transactions;
    TransactionTemplate inTransaction;
    ShopHttp http;
    // Own threads: the common pool has a single worker on two cores, and a blocked competitor would starve the buyer.
    ExecutorService threads;

    @BeforeEach
    void setUp() {
        http = new ShopHttp(port);
        inTransaction = new TransactionTemplate(transactions);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void reserve_deliver_and_release_move_exactly_the_orders_keys() {
        String sku = stockedSku(5);

        assertThat(reserve("ord_a", sku, 3)).isEqualTo(3);
        assertThat(reserve("ord_b", sku, 2)).isEqualTo(2);
        assertThat(stock.available(sku)).isZero();

        assertThat(inTransaction(() -> stock.deliver("ord_a"))).isEqualTo(3);
        assertThat(inTransaction(() -> stock.deliver("ord_a"))).as("a repeat delivers nothing more").isZero();
        assertThat(inTransaction(() -> stock.release("ord_a"))).as("delivered keys never return to stock").isZero();

        assertThat(inTransaction(() -> stock.release("ord_b"))).isEqualTo(2);
        assertThat(inTransaction(() -> stock.release("ord_b"))).isZero();
        assertThat(inTransaction(() -> stock.deliver("ord_b"))).as("released keys are no longer the order's").isZero();
        assertThat(stock.available(sku)).isEqualTo(2);
        assertThat(statusCounts(sku)).containsExactlyInAnyOrder("AVAILABLE:2", "DELIVERED:3");
    }

    @Test
    void delivered_codes_are_the_orders_own_decrypted_in_id_order() {
        List<String> imported = CardKeyImportIT.codes("DELIVER", 6);
        String sku = stockedSku(imported);
        reserve("ord_c", sku, 4);
        reserve("ord_d", sku, 2);
        assertThat(stock.deliveredCodes("ord_c")).as("nothing before delivery").isEmpty();
        inTransaction(() -> stock.deliver("ord_c"));

        List<String> delivered = stock.deliveredCodes("ord_c");

        assertThat(delivered).hasSize(4).doesNotHaveDuplicates().isSubsetOf(imported);
        assertThat(stock.deliveredCodes("ord_c")).isEqualTo(delivered);
        List<Long> ids = jdbc.sql("SELECT id FROM card_keys WHERE order_id = 'ord_c' ORDER BY id").query(Long.class).list();
        assertThat(ids).hasSize(4);
        assertThat(stock.deliveredCodes("ord_d")).as("reserved but not delivered").isEmpty();
        assertThat(stock.deliveredCodes("ord_none")).isEmpty();
    }

    @Test
    void the_writing_methods_refuse_to_run_outside_a_transaction() {
        String sku = stockedSku(1);

        assertThatThrownBy(() -> stock.reserve("ord_e", sku, 1)).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> stock.deliver("ord_e")).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> stock.release("ord_e")).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(stock.available(sku)).isEqualTo(1);
    }

    @Test
    void a_reservation_that_comes_up_short_and_is_rolled_back_leaves_stock_untouched() {
        String sku = stockedSku(2);

        Integer reserved = inTransaction.execute(tx -> {
            int got = stock.reserve("ord_f", sku, 3);
            tx.setRollbackOnly();
            return got;
        });

        assertThat(reserved).isLessThan(3);
        assertThat(stock.available(sku)).isEqualTo(2);
        assertThat(statusCounts(sku)).containsExactly("AVAILABLE:2");
    }

    @Test
    void three_hundred_buyers_racing_for_one_hundred_keys_get_exactly_one_hundred() throws Exception {
        String sku = stockedSku(100);

        List<String> winners = race(sku, 300, 1);

        assertThat(winners).hasSize(100);
        assertThat(stock.available(sku)).isZero();
        List<String> owners = jdbc.sql("SELECT order_id FROM card_keys WHERE sku = ? AND status = 'RESERVED'").param(sku)
                .query(String.class).list();
        assertThat(owners).hasSize(100).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(winners);
        assertThat(statusCounts(sku)).containsExactly("RESERVED:100");
    }

    @RepeatedTest(5)
    void eight_buyers_of_three_racing_for_ten_keys_leave_three_orders_served_and_one_key() throws Exception {
        String sku = stockedSku(10);

        List<String> winners = race(sku, 8, 3);

        assertThat(winners).hasSize(3);
        for (String winner : winners) {
            assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE order_id = ?").param(winner).query(Long.class).single())
                    .isEqualTo(3);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE sku = ? AND order_id IS NOT NULL").param(sku)
                .query(Long.class).single()).as("losers hold nothing").isEqualTo(9);
        assertThat(stock.available(sku)).isEqualTo(1);
    }

    @Test
    void a_buyer_waits_for_a_competitor_that_may_roll_back_instead_of_answering_sold_out() throws Exception {
        String sku = stockedSku(2);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch giveUp = new CountDownLatch(1);
        CompletableFuture<Void> competitor = CompletableFuture.runAsync(() -> inTransaction.executeWithoutResult(tx -> {
            assertThat(stock.reserve("ord_competitor", sku, 2)).isEqualTo(2);
            holding.countDown();
            awaitLatch(giveUp);
            tx.setRollbackOnly();
        }), threads);
        awaitLatch(holding);

        CompletableFuture<Integer> buyer = CompletableFuture.supplyAsync(() -> reserve("ord_buyer", sku, 1), threads);
        await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
        giveUp.countDown();

        assertThat(buyer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        competitor.get(10, TimeUnit.SECONDS);
        assertThat(stock.available(sku)).isEqualTo(1);
    }

    @Test
    void a_buyer_behind_a_competitor_that_commits_is_told_sold_out() throws Exception {
        String sku = stockedSku(2);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> competitor = CompletableFuture.runAsync(() -> inTransaction.executeWithoutResult(tx -> {
            stock.reserve("ord_competitor2", sku, 1);
            holding.countDown();
            awaitLatch(finish);
        }), threads);
        awaitLatch(holding);

        CompletableFuture<Integer> buyer = CompletableFuture.supplyAsync(() -> inTransaction.execute(tx -> {
            int got = stock.reserve("ord_buyer2", sku, 2);
            tx.setRollbackOnly();
            return got;
        }), threads);
        await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
        finish.countDown();

        assertThat(buyer.get(10, TimeUnit.SECONDS)).isLessThan(2);
        competitor.get(10, TimeUnit.SECONDS);
        assertThat(stock.available(sku)).isEqualTo(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void stock_is_conserved_and_matches_a_simple_model_over_random_operations(long seed) {
        int keys = 12;
        String sku = stockedSku(keys);
        Random random = new Random(seed);
        int available = keys;
        Map<String, Integer> reserved = new HashMap<>();
        Map<String, Integer> delivered = new HashMap<>();
        for (int step = 0; step < 60; step++) {
            String order = "ord_" + sku + "_" + random.nextInt(5);
            switch (random.nextInt(3)) {
                case 0 -> {
                    int quantity = 1 + random.nextInt(3);
                    boolean served = reserveOrRollBack(order, sku, quantity);
                    assertThat(served).as("step %d: reserve %d of %d", step, quantity, available).isEqualTo(quantity <= available);
                    if (served) {
                        available -= quantity;
                        reserved.merge(order, quantity, Integer::sum);
                    }
                }
                case 1 -> {
                    int expected = reserved.getOrDefault(order, 0);
                    assertThat(inTransaction(() -> stock.deliver(order))).as("step %d: deliver", step).isEqualTo(expected);
                    reserved.remove(order);
                    delivered.merge(order, expected, Integer::sum);
                }
                default -> {
                    int expected = reserved.getOrDefault(order, 0);
                    assertThat(inTransaction(() -> stock.release(order))).as("step %d: release", step).isEqualTo(expected);
                    reserved.remove(order);
                    available += expected;
                }
            }
            assertThat(stock.available(sku)).as("step %d: available", step).isEqualTo(available);
        }
        int reservedTotal = reserved.values().stream().mapToInt(Integer::intValue).sum();
        int deliveredTotal = delivered.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(available + reservedTotal + deliveredTotal).isEqualTo(keys);
        delivered.forEach((order, count) -> assertThat(stock.deliveredCodes(order)).hasSize(count).doesNotHaveDuplicates());
    }

    private boolean reserveOrRollBack(String orderId, String sku, int quantity) {
        return Boolean.TRUE.equals(inTransaction.execute(tx -> {
            boolean served = stock.reserve(orderId, sku, quantity) == quantity;
            if (!served) {
                tx.setRollbackOnly();
            }
            return served;
        }));
    }

    /** Every buyer reserves {@code each} for its own order in its own transaction, all released at once. */
    private List<String> race(String sku, int buyers, int each) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < buyers; i++) {
                String orderId = "ord_" + sku + "_" + i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return inTransaction.execute(tx -> {
                        boolean served = stock.reserve(orderId, sku, each) == each;
                        if (!served) {
                            tx.setRollbackOnly();
                        }
                        return served ? orderId : null;
                    });
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                String winner = outcome.get(60, TimeUnit.SECONDS);
                if (winner != null) {
                    winners.add(winner);
                }
            }
            return winners;
        }
    }

    private boolean someoneWaitsForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .query(Long.class).single() > 0;
    }

    private int reserve(String orderId, String sku, int quantity) {
        return inTransaction(() -> stock.reserve(orderId, sku, quantity));
    }

    private int inTransaction(java.util.function.IntSupplier work) {
        return inTransaction.execute(tx -> work.getAsInt());
    }

    private List<String> statusCounts(String sku) {
        return jdbc.sql("SELECT status || ':' || count(*) FROM card_keys WHERE sku = ? GROUP BY status").param(sku)
                .query(String.class).list();
    }

    private String stockedSku(int keys) {
        return stockedSku(CardKeyImportIT.codes("STOCK", keys));
    }

    private String stockedSku(List<String> codes) {
        String sku = CardKeyImportIT.newSku();
        http.createCardKeyProduct(sku);
        assertThat(http.importCodes(sku, codes).body().path("imported").asInt()).isEqualTo(codes.size());
        return sku;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
