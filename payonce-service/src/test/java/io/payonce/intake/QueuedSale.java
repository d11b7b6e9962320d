package io.payonce.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.payonce.support.Api;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A queued flash sale as the tests of issue 10 run it, with or without a broker: many buyers (each
 * a buyer session of its own) race for few keys, every order is answered 202 QUEUED, and then every
 * order must end PENDING_PAYMENT or SOLD_OUT with exactly the stock's worth reserved.
 */
final class QueuedSale {

    /** More threads than the 2 cores and the connection pool, so intakes really overlap. */
    static final int THREADS = 16;
    /** Retries of a 503 with the same Idempotency-Key. */
    private static final int RETRIES_MAX = 5;

    private final Shop admin;
    private final Api api;
    private final JdbcClient jdbc;

    QueuedSale(Api api, JdbcClient jdbc) {
        this.api = api;
        this.admin = new Shop(api);
        this.jdbc = jdbc;
    }

    /** A fresh queued card-key product with {@code keys} codes in stock. */
    String queuedSku(int keys) {
        String sku = Shop.uniqueSku("queued");
        Api.Answer created = admin.anonymous().admin("/v1/admin/products", "{\"sku\":\"" + sku
                + "\",\"name\":\"Flash " + sku + "\",\"kind\":\"CARD_KEY\",\"price\":999,\"currency\":\"CNY\",\"queued\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("queued").asBoolean()).isTrue();
        admin.importKeys(sku, keys);
        return sku;
    }

    /**
     * A buyer of its own placing one order; the answer must be 202 QUEUED. A 503 (the database
     * pool busy on this shared machine) is retried with the same key, as a client would.
     */
    Order order(String sku) {
        Shop buyer = new Shop(api);
        String key = UUID.randomUUID().toString();
        Api.Answer answer = buyer.order(sku, 1, key);
        for (int retry = 0; retry < RETRIES_MAX && answer.status() == 503; retry++) {
            answer = buyer.order(sku, 1, key);
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(answer.json().get("orderToken").asString()).startsWith("ot_");
        return new Order(answer.json().get("orderId").asString(), buyer);
    }

    /** {@code buyers} buyers order one key each, {@value #THREADS} at a time; every one is answered 202. */
    List<Order> storm(String sku, int buyers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Order>> futures = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                futures.add(pool.submit(() -> order(sku)));
            }
            List<Order> orders = new ArrayList<>();
            for (Future<Order> future : futures) {
                orders.add(future.get());
            }
            return orders;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every buyer reads its own order until it is PENDING_PAYMENT or SOLD_OUT (bounded); returns the statuses by order. */
    Map<String, String> awaitEveryBuyerTold(List<Order> orders) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT count(*) FROM orders WHERE id IN (:ids) AND status = 'QUEUED'")
                        .param("ids", orders.stream().map(Order::id).toList()).query(Long.class).single() == 0);
        return orders.stream().collect(Collectors.toMap(Order::id, Order::status));
    }

    /**
     * Exactly min(keys, buyers) orders hold exactly one reserved key each, the others none, and
     * the product's keys are all accounted for.
     */
    void assertNoOversell(String sku, int keys, Map<String, String> statuses) {
        long waiting = statuses.values().stream().filter("PENDING_PAYMENT"::equals).count();
        long soldOut = statuses.values().stream().filter("SOLD_OUT"::equals).count();
        assertThat(waiting + soldOut).as("every buyer told").isEqualTo(statuses.size());
        assertThat(waiting).isEqualTo(Math.min(keys, statuses.size()));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM orders o
                         WHERE o.sku = :sku AND (SELECT count(*) FROM card_keys k WHERE k.order_id = o.id)
                                              <> CASE WHEN o.status = 'PENDING_PAYMENT' THEN 1 ELSE 0 END""")
                .param("sku", sku).query(Long.class).single()).as("orders holding the wrong number of keys").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE sku = :sku AND status = 'RESERVED'")
                .param("sku", sku).query(Long.class).single()).isEqualTo(waiting);
        assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE sku = :sku AND status = 'AVAILABLE'")
                .param("sku", sku).query(Long.class).single()).isEqualTo(keys - waiting);
    }

    /** An order and the buyer who placed it (its session and the order's token). */
    record Order(String id, Shop buyer) {
        String status() {
            Api.Answer read = buyer.getOrder(id);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            return read.json().get("status").asString();
        }
    }
}
