package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.payments.OrderClosing;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.SecondPayonce;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Stock hoarding (issue 13), as a bot would try it: many concurrent orders from one buyer session,
 * from one address over many sessions, over two instances; and what the shop owner sees and does.
 * Every test calls from 127.0.0.1, so all buyers here share one address and its cap.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "payonce.reservations.buyer-units-max=" + HoardingIT.BUYER_CAP,
        "payonce.reservations.ip-units-max=" + HoardingIT.IP_CAP,
        "payonce.reservations.flash-sale-expiry=90s",
})
class HoardingIT {

    static final int BUYER_CAP = 5;
    static final int IP_CAP = 12;
    /** The number: a bot fires 32 orders at once. */
    private static final int ORDERS = 32;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;
    @Autowired
    MeterRegistry meters;
    /** What the expiry job calls for an order past its time (the job itself runs on the clock). */
    @Autowired
    OrderClosing closing;
    Api api;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.bearer(IntegrationTest.ADMIN_TOKEN);
        // The address's cap is shared by every test here: start each with no unpaid order held.
        for (JsonNode holder : admin.get("/v1/admin/reservations?limit=200").json().get("holders")) {
            Api.Answer cancelled = admin.post("/v1/admin/reservations/cancel", "{\"clientIp\":\"" + holder.get("clientIp").asString() + "\"}");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        }
    }

    @Test
    void thirty_two_concurrent_orders_of_one_buyer_session_hold_exactly_its_cap() throws Exception {
        Shop hoarder = new Shop(api);
        String sku = hoarder.stockedSku("hoard-session", 100, 50);

        List<Api.Answer> answers = ShopConcurrencyIT.race(ORDERS, () -> hoarder.order(sku, 1, UUID.randomUUID().toString()));

        assertExactly(answers, BUYER_CAP);
        assertThat(unpaidUnits(sku)).isEqualTo(BUYER_CAP);
        assertThat(available(sku)).isEqualTo(50 - BUYER_CAP);
    }

    @Test
    void thirty_two_concurrent_orders_from_one_address_over_many_sessions_hold_exactly_its_cap() throws Exception {
        String sku = new Shop(api).stockedSku("hoard-address", 100, 50);

        List<Api.Answer> answers = ShopConcurrencyIT.race(ORDERS, () -> new Shop(api).order(sku, 1, UUID.randomUUID().toString()));

        assertExactly(answers, IP_CAP);
        assertThat(unpaidUnits(sku)).isEqualTo(IP_CAP);
        assertThat(available(sku)).isEqualTo(50 - IP_CAP);
    }

    @Test
    void the_caps_hold_across_two_instances_on_one_database() throws Exception {
        try (SecondPayonce second = SecondPayonce.start(environment,
                "--payonce.reservations.buyer-units-max=" + BUYER_CAP, "--payonce.reservations.ip-units-max=" + IP_CAP)) {
            Shop hoarder = new Shop(api);
            Shop sameBuyerThere = hoarder.at(new Api(second.port()));
            String sku = hoarder.stockedSku("hoard-two", 100, 50);
            AtomicInteger turn = new AtomicInteger();

            List<Api.Answer> answers = ShopConcurrencyIT.race(ORDERS, () ->
                    (turn.getAndIncrement() % 2 == 0 ? hoarder : sameBuyerThere).order(sku, 1, UUID.randomUUID().toString()));

            assertExactly(answers, BUYER_CAP);
            assertThat(unpaidUnits(sku)).isEqualTo(BUYER_CAP);

            List<Api.Answer> manySessions = ShopConcurrencyIT.race(ORDERS, () ->
                    new Shop(turn.getAndIncrement() % 2 == 0 ? api : new Api(second.port())).order(sku, 1, UUID.randomUUID().toString()));

            assertExactly(manySessions, IP_CAP - BUYER_CAP);
            assertThat(unpaidUnits(sku)).isEqualTo(IP_CAP);
        }
    }

    @Test
    void after_the_hoarder_hits_its_cap_a_real_buyer_still_gets_stock_and_the_refusal_changes_nothing() {
        Shop hoarder = new Shop(api);
        String sku = hoarder.stockedSku("hoard-real", 100, 8);
        assertThat(hoarder.order(sku, BUYER_CAP, UUID.randomUUID().toString()).status()).isEqualTo(201);
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer refused = hoarder.order(sku, 1, UUID.randomUUID().toString());

        assertProblem(refused, 429, "reservation_limit");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.json().get("unitsHeld").asLong()).isEqualTo(BUYER_CAP);
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        Shop realBuyer = new Shop(api);
        String bought = realBuyer.placeOrder(sku, 1);
        realBuyer.buyerPays(realBuyer.startPayment(bought));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(realBuyer.api().get("/v1/orders/" + bought).json().get("status").asString()).isEqualTo("DELIVERED"));
    }

    @Test
    void a_reservation_limit_is_not_stored_so_the_same_key_buys_once_the_buyer_frees_units() {
        Shop buyer = new Shop(api);
        String sku = buyer.stockedSku("hoard-retry", 100, 10);
        String first = buyer.placeOrder(sku, BUYER_CAP);
        String key = UUID.randomUUID().toString();
        assertProblem(buyer.order(sku, 1, key), 429, "reservation_limit");

        assertThat(buyer.cancel(first, UUID.randomUUID().toString()).status()).isEqualTo(200);

        Api.Answer retried = buyer.order(sku, 1, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(available(sku)).isEqualTo(9);
    }

    @Test
    void a_paid_order_frees_its_units_for_the_buyer_in_the_transaction_that_pays_it() {
        Shop buyer = new Shop(api);
        String sku = buyer.stockedSku("hoard-paid", 100, 10);
        String held = buyer.placeOrder(sku, BUYER_CAP);
        buyer.buyerPays(buyer.startPayment(held));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(buyer.api().get("/v1/orders/" + held).json().get("status").asString()).isEqualTo("DELIVERED"));

        assertThat(buyer.order(sku, BUYER_CAP, UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void an_expired_order_frees_its_units_in_the_transaction_that_expires_it() {
        Shop buyer = new Shop(api);
        String sku = buyer.stockedSku("hoard-expired", 100, 10);
        String held = buyer.placeOrder(sku, BUYER_CAP);
        assertProblem(buyer.order(sku, 1, UUID.randomUUID().toString()), 429, "reservation_limit");

        closing.expire(held);

        assertThat(available(sku)).isEqualTo(10);
        assertThat(buyer.order(sku, BUYER_CAP, UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void cancelling_a_hoarders_orders_from_the_admin_endpoint_returns_their_units_to_stock_at_once() {
        Shop hoarder = new Shop(api);
        String sku = hoarder.stockedSku("hoard-admin", 100, 10);
        for (int i = 0; i < BUYER_CAP; i++) {
            hoarder.placeOrder(sku, 1);
        }
        Shop other = new Shop(api);
        other.placeOrder(sku, 2);
        assertThat(available(sku)).isEqualTo(10 - BUYER_CAP - 2);

        JsonNode biggest = admin.get("/v1/admin/reservations").json().get("holders").get(0);
        assertThat(biggest.get("units").asLong()).isEqualTo(BUYER_CAP);
        assertThat(biggest.get("orders").asLong()).isEqualTo(BUYER_CAP);
        assertThat(biggest.get("holder").asString()).startsWith("buyer:");
        assertThat(Instant.parse(biggest.get("oldestReservedAt").asString())).isBefore(Instant.now().plusSeconds(1));
        Api.Answer cancelled = admin.post("/v1/admin/reservations/cancel", "{\"holder\":\"" + biggest.get("holder").asString() + "\"}");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("orders").asInt()).isEqualTo(BUYER_CAP);
        assertThat(cancelled.json().get("units").asLong()).isEqualTo(BUYER_CAP);
        assertThat(available(sku)).isEqualTo(10 - 2);
        assertThat(unpaidUnits(sku)).isEqualTo(2);
        assertThat(hoarder.order(sku, 1, UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void a_buyer_and_a_merchant_key_cannot_list_or_cancel_holders_and_nothing_changes() {
        Shop hoarder = new Shop(api);
        String sku = hoarder.stockedSku("hoard-attack", 100, 5);
        hoarder.placeOrder(sku, 2);
        Api merchant = hoarder.merchant();
        Map<String, Long> before = RowCounts.of(jdbc);
        String body = "{\"clientIp\":\"127.0.0.1\"}";

        assertProblem(api.post("/v1/admin/reservations/cancel", body), 401, "credentials_missing");
        assertProblem(hoarder.api().post("/v1/admin/reservations/cancel", body), 403, "scope_missing");
        assertProblem(merchant.post("/v1/admin/reservations/cancel", body), 403, "scope_missing");
        assertProblem(hoarder.api().get("/v1/admin/reservations"), 403, "scope_missing");
        assertProblem(admin.post("/v1/admin/reservations/cancel", "{\"holder\":\"x\",\"clientIp\":\"127.0.0.1\"}"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/reservations?limit=0"), 400, "invalid_request");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(available(sku)).isEqualTo(3);
    }

    @Test
    void a_product_caps_its_units_per_order_and_its_unpaid_units_over_all_buyers() {
        String sku = Shop.uniqueSku("hoard-product");
        Api.Answer created = api.admin("/v1/admin/products", "{\"sku\":\"" + sku + "\",\"name\":\"Limited\",\"kind\":\"CARD_KEY\","
                + "\"price\":100,\"orderQuantityMax\":2,\"unpaidUnitsMax\":3}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("orderQuantityMax").asInt()).isEqualTo(2);
        new Shop(api).importKeys(sku, 10);
        Shop greedy = new Shop(api);
        greedy.buyerAuthorization();
        Map<String, Long> before = RowCounts.of(jdbc);

        assertProblem(greedy.order(sku, 3, UUID.randomUUID().toString()), 400, "invalid_request");
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);

        assertThat(new Shop(api).order(sku, 2, UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(new Shop(api).order(sku, 1, UUID.randomUUID().toString()).status()).isEqualTo(201);
        Shop late = new Shop(api);
        late.buyerAuthorization();
        Map<String, Long> full = RowCounts.of(jdbc);
        assertProblem(late.order(sku, 1, UUID.randomUUID().toString()), 429, "reservation_limit");
        assertThat(RowCounts.of(jdbc)).isEqualTo(full);
        assertThat(available(sku)).isEqualTo(7);
    }

    @Test
    void a_flash_sale_reserves_for_its_shorter_default_and_a_product_for_its_own_time() {
        String flash = Shop.uniqueSku("hoard-flash");
        String own = Shop.uniqueSku("hoard-own");
        assertThat(api.admin("/v1/admin/products", "{\"sku\":\"" + flash + "\",\"name\":\"Flash\",\"kind\":\"CARD_KEY\","
                + "\"price\":100,\"flashSale\":true}").status()).isEqualTo(201);
        assertThat(api.admin("/v1/admin/products", "{\"sku\":\"" + own + "\",\"name\":\"Own\",\"kind\":\"CARD_KEY\","
                + "\"price\":100,\"flashSale\":true,\"reservationSeconds\":120}").status()).isEqualTo(201);
        Shop buyer = new Shop(api);
        buyer.importKeys(flash, 1);
        buyer.importKeys(own, 1);

        assertThat(reservationTime(buyer.order(flash, 1, UUID.randomUUID().toString()))).isEqualTo(Duration.ofSeconds(90));
        assertThat(reservationTime(buyer.order(own, 1, UUID.randomUUID().toString()))).isEqualTo(Duration.ofSeconds(120));
        assertProblem(api.admin("/v1/admin/products", "{\"sku\":\"" + Shop.uniqueSku("hoard-bad") + "\",\"name\":\"Bad\","
                + "\"kind\":\"CARD_KEY\",\"price\":100,\"reservationSeconds\":5}"), 400, "invalid_request");
    }

    @Test
    void the_unpaid_units_of_each_product_are_a_metric() {
        Shop buyer = new Shop(api);
        String sku = buyer.stockedSku("hoard-metric", 100, 6);
        buyer.placeOrder(sku, 3);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(meters.get("payonce.reservations.unpaid.units").tag("sku", sku).gauge().value()).isEqualTo(3.0));
    }

    private static void assertExactly(List<Api.Answer> answers, int accepted) {
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(accepted);
        List<Api.Answer> refused = answers.stream().filter(a -> a.status() != 201).toList();
        assertThat(refused).hasSize(answers.size() - accepted)
                .allSatisfy(a -> {
                    assertProblem(a, 429, "reservation_limit");
                    assertThat(a.header("Retry-After")).isNotNull();
                });
    }

    private static Duration reservationTime(Api.Answer created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Duration.between(Instant.parse(created.json().get("createdAt").asString()),
                Instant.parse(created.json().get("expiresAt").asString()));
    }

    private long unpaidUnits(String sku) {
        return jdbc.sql("SELECT coalesce(sum(quantity), 0) FROM orders WHERE sku = ? AND status = 'PENDING_PAYMENT'")
                .param(sku).query(Long.class).single();
    }

    private long available(String sku) {
        return api.get("/v1/products/" + sku).json().get("available").asLong();
    }
}
