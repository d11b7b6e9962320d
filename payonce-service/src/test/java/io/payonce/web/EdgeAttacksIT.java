package io.payonce.web;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.payonce.orders.OrderLimits;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rough edges a fuzzer found, each written as the attack: the refusal, its code, and no row
 * changed. Malformed %-encoding, strings for numbers, answers with secrets that a cache could
 * keep, GET /error, a free product, and quantity limits that disagreed.
 */
@IntegrationTest
class EdgeAttacksIT {

    private static final List<String> TABLES = List.of("products", "orders", "payments", "ledger_entries", "card_keys",
            "members", "member_grants", "member_nonces", "idempotency_keys");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api api;
    Shop shop;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = new Shop(api);
    }

    @Test
    void invalid_percent_encoding_in_a_callback_body_or_query_is_400_and_changes_nothing() {
        List<Long> before = counts();

        for (String body : List.of("out_trade_no=%zz&sign=x", "out_trade_no=%ff%fe&sign=x", "a=%", "%e4%b8=1")) {
            Api.Answer answer = api.send(HttpRequest.newBuilder(api.uri("/v1/callbacks/alipay"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertProblem(answer, 400, "malformed_encoding");
        }
        String query = raw("POST /v1/callbacks/wechat?out_trade_no=%zz HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\na=1");
        assertThat(query).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"code\":\"malformed_encoding\"");
        String orderQuery = raw("POST /v1/orders?x=%zz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: k\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(orderQuery).startsWith("HTTP/1.1 400").contains("\"code\":\"malformed_encoding\"");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void invalid_percent_encoding_on_the_membership_api_keeps_its_envelope() {
        List<Long> before = counts();

        String answer = raw("GET /api/member/shop/alice?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("{\"code\":40000,");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void a_path_the_container_cannot_decode_is_answered_as_json_not_an_html_page() {
        List<Long> before = counts();

        String order = raw("GET /v1/orders/ord%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String member = raw("GET /api/member/shop/al%zzice HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(order).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"code\":\"invalid_request\"")
                .doesNotContain("<html", "Tomcat");
        assertThat(member).startsWith("HTTP/1.1 400").contains("{\"code\":40000,").doesNotContain("<html");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void strings_for_numbers_are_refused_and_change_nothing() {
        String sku = shop.stockedSku("typed", 1999, 1);
        String orderId = shop.paidOrder(sku, 1);
        List<Long> before = counts();

        assertProblem(shop.api().postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":\"1\"}", UUID.randomUUID().toString()),
                400, "malformed_json");
        assertProblem(api.admin("/v1/admin/products", "{\"sku\":\"" + Shop.uniqueSku("str") + "\",\"name\":\"n\",\"kind\":\"CARD_KEY\","
                + "\"price\":\"1999\",\"currency\":\"CNY\"}"), 400, "malformed_json");
        assertProblem(shop.merchant().postIdempotent("/v1/orders/" + orderId + "/refunds", "{\"amount\":\"1\"}", UUID.randomUUID().toString()),
                400, "malformed_json");
        assertProblem(shop.api().postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":true}", UUID.randomUUID().toString()),
                400, "malformed_json");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void answers_that_hold_a_secret_are_never_stored_by_a_cache() {
        String sku = shop.stockedSku("nostore", 100, 1);
        String orderId = shop.paidOrder(sku, 1);

        Api.Answer withKeys = shop.getOrder(orderId);
        assertThat(withKeys.json().get("delivery").get("cardKeys")).hasSize(1);
        assertThat(withKeys.header("Cache-Control")).isEqualTo("no-store");
        assertThat(shop.order(sku, 1, UUID.randomUUID().toString()).header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.get("/v1/orders/ord_unknown").header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.get("/api/member/payonce-shop/buyer-1").header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.get("/v1/products/" + sku).header("Cache-Control")).as("public catalog data may be cached").isNull();
    }

    @Test
    void get_error_is_not_found_not_a_500() {
        assertProblem(api.get("/error"), 404, "not_found");
        assertProblem(api.post("/error", "{}"), 404, "not_found");
    }

    @Test
    void a_free_product_is_refused_and_nothing_is_created() {
        List<Long> before = counts();

        Api.Answer free = api.admin("/v1/admin/products", "{\"sku\":\"" + Shop.uniqueSku("free")
                + "\",\"name\":\"Free\",\"kind\":\"CARD_KEY\",\"price\":0,\"currency\":\"CNY\"}");

        assertProblem(free, 400, "invalid_request");
        assertThat(free.json().get("detail").asString()).contains("price must be between 1 and");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void the_order_quantity_limit_is_the_same_in_the_api_and_the_database() {
        String sku = Shop.uniqueSku("limit");
        shop.membershipProduct(sku, 100, 1);
        String atLimit = "{\"sku\":\"" + sku + "\",\"quantity\":" + OrderLimits.QUANTITY_MAX + ",\"buyer\":{\"userId\":\"u-limit\"}}";
        String pastLimit = "{\"sku\":\"" + sku + "\",\"quantity\":" + (OrderLimits.QUANTITY_MAX + 1) + ",\"buyer\":{\"userId\":\"u-limit\"}}";

        assertThat(shop.api().postIdempotent("/v1/orders", atLimit, UUID.randomUUID().toString()).status()).isEqualTo(201);
        List<Long> before = counts();
        assertProblem(shop.api().postIdempotent("/v1/orders", pastLimit, UUID.randomUUID().toString()), 400, "invalid_request");
        assertThat(counts()).isEqualTo(before);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO orders (id, sku, kind, quantity, amount, currency, status, expires_at)
                        VALUES ('ord_limit_check', :sku, 'MEMBERSHIP', :quantity, 1, 'CNY', 'PENDING_PAYMENT', now())""")
                .param("sku", sku).param("quantity", OrderLimits.QUANTITY_MAX + 1).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("orders_quantity_check");
    }

    private List<Long> counts() {
        return TABLES.stream().map(table -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).toList();
    }

    /** Sends bytes as given: the JDK client refuses to send a malformed URI. */
    private String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
