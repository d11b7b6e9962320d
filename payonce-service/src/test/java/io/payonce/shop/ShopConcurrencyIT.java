package io.payonce.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many threads racing on one order, one key or little stock: the exact outcome, every time. */
@IntegrationTest
class ShopConcurrencyIT {

    /** More threads than the 2 cores and than the connection pool, so requests really overlap. */
    private static final int THREADS = 64;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
    }

    @Test
    void sixty_four_identical_payments_with_one_key_make_exactly_one_payment_and_every_answer_is_the_stored_one() throws Exception {
        String sku = shop.stockedSku("same-key", 1999, 1);
        String orderId = shop.placeOrder(sku, 1);
        String key = UUID.randomUUID().toString();

        List<Api.Answer> answers = race(THREADS, () -> shop.pay(orderId, key));

        assertThat(count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
        Set<String> paymentIds = new HashSet<>();
        for (Api.Answer answer : answers) {
            if (answer.status() == 409) {
                assertThat(answer.code()).isEqualTo("idempotency_key_in_use");
                assertThat(answer.header("Retry-After")).isNotNull();
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                paymentIds.add(answer.json().get("paymentId").asString());
            }
        }
        assertThat(paymentIds).hasSize(1);
        Api.Answer replay = shop.pay(orderId, key);
        Api.Answer first = answers.stream().filter(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null)
                .findFirst().orElseThrow();
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(answers.stream().filter(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null)).hasSize(1);
    }

    @Test
    void sixty_four_payments_of_one_order_with_different_keys_charge_once() throws Exception {
        String sku = shop.stockedSku("diff-keys", 500, 1);
        String orderId = shop.placeOrder(sku, 1);

        List<Api.Answer> answers = race(THREADS, () -> shop.pay(orderId, UUID.randomUUID().toString()));

        Set<String> paymentIds = new HashSet<>();
        for (Api.Answer answer : answers) {
            if (answer.status() == 201) {
                paymentIds.add(answer.json().get("paymentId").asString());
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(409);
                assertThat(answer.code()).isIn("order_already_paid", "payment_in_progress");
            }
        }
        assertThat(paymentIds).as("every 201 names the one live payment").hasSize(1);
        shop.buyerPays(paymentIds.iterator().next());
        shop.awaitStatus(orderId, "DELIVERED");

        List<Api.Answer> afterPaid = race(8, () -> shop.pay(orderId, UUID.randomUUID().toString()));
        assertThat(afterPaid).allSatisfy(a -> assertThat(a.code()).isEqualTo("order_already_paid"));
        assertThat(count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ledger_entries WHERE order_id = ? AND kind = 'CHARGE'", orderId)).isEqualTo(1);
    }

    @Test
    void a_flash_sale_of_one_hundred_keys_to_three_hundred_buyers_sells_exactly_one_hundred_distinct_keys() throws Exception {
        String sku = Shop.uniqueSku("flash");
        shop.cardKeyProduct(sku, 100);
        List<String> imported = shop.importKeys(sku, 100);

        List<Api.Answer> answers = race(300, () -> shop.order(sku, 1, UUID.randomUUID().toString()));

        List<String> orderIds = answers.stream().filter(a -> a.status() == 201).map(a -> a.json().get("orderId").asString()).toList();
        assertThat(orderIds).hasSize(100);
        assertThat(answers.stream().filter(a -> a.status() == 409)).hasSize(200)
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("sold_out"));
        assertThat(shop.api().get("/v1/products/" + sku).json().get("available").asInt()).isZero();

        race(orderIds.size(), orderIds.iterator()::next, orderId -> {
            shop.buyerPays(shop.startPayment(orderId));
            return orderId;
        });
        List<String> delivered = new ArrayList<>();
        for (String orderId : orderIds) {
            shop.awaitStatus(orderId, "DELIVERED");
            var keys = shop.getOrder(orderId).json().get("delivery").get("cardKeys");
            assertThat(keys.size()).isEqualTo(1);
            delivered.add(keys.get(0).asString());
        }
        assertThat(new HashSet<>(delivered)).hasSize(100).isEqualTo(new HashSet<>(imported));
        assertThat(count("SELECT count(*) FROM card_keys WHERE sku = ? AND status = 'DELIVERED'", sku)).isEqualTo(100);
    }

    private long count(String sql, String arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }

    /** Runs the call on {@code n} threads released together; returns every answer. */
    static <T> List<T> race(int n, Callable<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, THREADS))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    /** Runs {@code work} once for each of {@code n} inputs, concurrently. */
    static <I, T> List<T> race(int n, java.util.function.Supplier<I> inputs, java.util.function.Function<I, T> work) throws Exception {
        List<I> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(inputs.get());
        }
        java.util.Iterator<I> it = items.iterator();
        return race(n, () -> {
            I item;
            synchronized (it) {
                item = it.next();
            }
            return work.apply(item);
        });
    }
}
