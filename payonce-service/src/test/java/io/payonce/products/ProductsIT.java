package io.payonce.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ProductsIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Catalog catalog;
    @Autowired
    ProductService products;
    ShopHttp http;

    @BeforeEach
    void connect() {
        http = new ShopHttp(port);
    }

    @Test
    void creating_a_card_key_product_answers_201_with_its_location_and_empty_stock() {
        String sku = newSku();
        ShopHttp.Answer created = http.createCardKeyProduct(sku);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/products/" + sku);
        assertThat(created.body().path("sku").asString()).isEqualTo(sku);
        assertThat(created.body().path("kind").asString()).isEqualTo("CARD_KEY");
        assertThat(created.body().path("price").asLong()).isEqualTo(1999);
        assertThat(created.body().path("currency").asString()).isEqualTo("CNY");
        assertThat(created.body().path("available").asLong(-1)).isZero();
        assertThat(created.body().has("membershipDays")).isFalse();
        assertThat(http.get("/v1/products/" + sku).body()).isEqualTo(created.body());
    }

    @Test
    void a_price_change_is_seen_at_once_by_the_instance_that_made_it_although_products_are_cached() {
        String sku = newSku();
        assertThat(http.createCardKeyProduct(sku).status()).isEqualTo(201);
        assertThat(catalog.find(sku).orElseThrow().price()).isEqualTo(1999); // now cached

        products.update(sku, new UpdateProductRequest("Renamed", 2500).toChange());

        assertThat(catalog.find(sku).orElseThrow().price()).isEqualTo(2500);
        assertThat(catalog.find(sku).orElseThrow().name()).isEqualTo("Renamed");
        assertThat(http.get("/v1/products/" + sku).body().path("price").asLong()).isEqualTo(2500);
    }

    @Test
    void a_membership_product_shows_available_as_an_explicit_null_and_its_days() {
        String sku = newSku();
        assertThat(http.createMembershipProduct(sku, 30).status()).isEqualTo(201);

        ShopHttp.Answer shown = http.get("/v1/products/" + sku);

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().has("available")).isTrue();
        assertThat(shown.body().get("available").isNull()).isTrue();
        assertThat(shown.body().path("membershipDays").asInt()).isEqualTo(30);
        assertThat(catalog.find(sku)).hasValue(new Product(sku, "Product " + sku, ProductKind.MEMBERSHIP, 1999, "CNY", 30));
    }

    @Test
    void currency_defaults_to_cny_when_omitted_and_other_iso_codes_are_kept() {
        Map<String, Object> noCurrency = ShopHttp.productBody(newSku(), "CARD_KEY", null);
        noCurrency.remove("currency");
        Map<String, Object> dollars = ShopHttp.productBody(newSku(), "CARD_KEY", null);
        dollars.put("currency", "USD");

        assertThat(http.postAsAdmin("/v1/admin/products", noCurrency).body().path("currency").asString()).isEqualTo("CNY");
        assertThat(http.postAsAdmin("/v1/admin/products", dollars).body().path("currency").asString()).isEqualTo("USD");
    }

    @Test
    void the_bounds_themselves_are_accepted() {
        Map<String, Object> free = ShopHttp.productBody("x".repeat(64 - 8) + newSku().substring(0, 8), "MEMBERSHIP", 3650);
        free.put("price", 1);
        free.put("name", "\uD83D\uDE00".repeat(200));
        Map<String, Object> dearest = ShopHttp.productBody(newSku(), "MEMBERSHIP", 1);
        dearest.put("price", 100_000_000_00L);

        assertThat(http.postAsAdmin("/v1/admin/products", free).status()).isEqualTo(201);
        assertThat(http.postAsAdmin("/v1/admin/products", dearest).status()).isEqualTo(201);
    }

    @Test
    void a_second_product_with_the_same_sku_is_refused_and_the_first_is_kept() {
        String sku = newSku();
        http.createCardKeyProduct(sku);
        Map<String, Object> other = ShopHttp.productBody(sku, "MEMBERSHIP", 7);
        other.put("name", "Impostor");

        ShopHttp.Answer second = http.postAsAdmin("/v1/admin/products", other);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("sku_exists");
        assertThat(catalog.find(sku).orElseThrow().kind()).isEqualTo(ProductKind.CARD_KEY);
    }

    @Test
    void concurrent_creations_of_one_sku_create_it_exactly_once() throws Exception {
        String sku = newSku();
        int racers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return http.createCardKeyProduct(sku).status();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get());
            }
            assertThat(answers).containsOnlyOnce(201).filteredOn(s -> s != 201).hasSize(racers - 1).containsOnly(409);
        }
    }

    static Stream<Arguments> invalidProducts() {
        return Stream.of(
                spoil("sku missing", b -> b.remove("sku")),
                spoil("sku empty", b -> b.put("sku", "")),
                spoil("sku with a space", b -> b.put("sku", "a b")),
                spoil("sku with a slash", b -> b.put("sku", "a/b")),
                spoil("sku of 65 characters", b -> b.put("sku", "s".repeat(65))),
                spoil("name missing", b -> b.remove("name")),
                spoil("name empty", b -> b.put("name", "")),
                spoil("name blank", b -> b.put("name", "   ")),
                spoil("name of 201 characters", b -> b.put("name", "n".repeat(201))),
                spoil("name with NUL", b -> b.put("name", "bad\u0000name")),
                spoil("name with a newline", b -> b.put("name", "bad\nname")),
                spoil("name with a lone surrogate", b -> b.put("name", "bad\uD800name")),
                spoil("kind missing", b -> b.remove("kind")),
                spoil("kind unknown", b -> b.put("kind", "BOOK")),
                spoil("kind in lower case", b -> b.put("kind", "card_key")),
                spoil("price missing", b -> b.remove("price")),
                spoil("price negative", b -> b.put("price", -1)),
                spoil("price over the bound", b -> b.put("price", 100_000_000_01L)),
                spoil("price beyond a long", b -> b.put("price", new java.math.BigInteger("99999999999999999999"))),
                spoil("price with a fraction", b -> b.put("price", 19.99)),
                spoil("price as a float of a whole number", b -> b.put("price", 1999.0)),
                spoil("currency in lower case", b -> b.put("currency", "cny")),
                spoil("currency not in ISO 4217", b -> b.put("currency", "ABC")),
                spoil("currency of two letters", b -> b.put("currency", "US")),
                spoil("currency empty", b -> b.put("currency", "")),
                spoil("membershipDays on a card key product", b -> b.put("membershipDays", 30)),
                spoil("membershipDays missing on a membership", b -> b.put("kind", "MEMBERSHIP")),
                spoil("membershipDays zero", b -> { b.put("kind", "MEMBERSHIP"); b.put("membershipDays", 0); }),
                spoil("membershipDays over ten years", b -> { b.put("kind", "MEMBERSHIP"); b.put("membershipDays", 3651); }),
                spoil("membershipDays with a fraction", b -> { b.put("kind", "MEMBERSHIP"); b.put("membershipDays", 1.5); }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProducts")
    void an_invalid_product_is_refused_with_invalid_request_and_nothing_is_written(String problem, Map<String, Object> body) {
        long before = productCount();

        ShopHttp.Answer refused = http.postAsAdmin("/v1/admin/products", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid_request");
        assertThat(refused.body().path("detail").asString()).isNotBlank();
        assertThat(productCount()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_is_refused_and_nothing_is_written() {
        long before = productCount();

        ShopHttp.Answer refused = http.postRaw("/v1/admin/products", "{\"sku\": ", "Bearer " + IntegrationTest.ADMIN_TOKEN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("malformed_json");
        assertThat(productCount()).isEqualTo(before);
    }

    @Test
    void creating_a_product_without_a_valid_credential_is_refused_with_401() {
        long before = productCount();
        String body = "{\"sku\":\"" + newSku() + "\",\"name\":\"n\",\"kind\":\"CARD_KEY\",\"price\":1}";

        ShopHttp.Answer none = http.postRaw("/v1/admin/products", body, null);
        ShopHttp.Answer wrong = http.postRaw("/v1/admin/products", body, "Bearer not-the-admin-token");

        assertThat(List.of(none.status(), wrong.status())).containsOnly(401);
        assertThat(none.code()).isEqualTo("credentials_missing");
        assertThat(wrong.code()).isEqualTo("credentials_invalid");
        assertThat(productCount()).isEqualTo(before);
    }

    @Test
    void an_unknown_or_impossible_sku_is_404_product_not_found() {
        assertThat(http.get("/v1/products/" + newSku()).code()).isEqualTo("product_not_found");
        assertThat(http.get("/v1/products/" + "s".repeat(65)).status()).isEqualTo(404);
        assertThat(http.get("/v1/products/a%20b").code()).isEqualTo("product_not_found");
    }

    private static Arguments spoil(String problem, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = ShopHttp.productBody("sku-" + UUID.randomUUID(), "CARD_KEY", null);
        change.accept(body);
        return Arguments.of(problem, body);
    }

    private long productCount() {
        return jdbc.sql("SELECT count(*) FROM products").query(Long.class).single();
    }

    static String newSku() {
        return "p-" + UUID.randomUUID().toString().substring(0, 18);
    }
}
