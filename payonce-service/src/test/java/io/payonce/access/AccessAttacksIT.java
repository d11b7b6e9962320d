package io.payonce.access;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 8's attacks on who may do what, each written as the attack: the refusal, and not one row
 * changed. "Alice" is a buyer who paid; "Mallory" is anyone else, with or without credentials.
 */
@IntegrationTest
class AccessAttacksIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api anonymous;
    Shop alice;
    Shop mallory;
    String sku;

    @BeforeEach
    void setUp() {
        anonymous = new Api(port);
        alice = new Shop(anonymous);
        mallory = new Shop(anonymous);
        sku = alice.stockedSku("attack", 1999, 5);
    }

    @Test
    void an_anonymous_refund_is_refused_and_so_is_one_by_the_buyer_who_holds_the_order_token() {
        String orderId = alice.paidOrder(sku, 1);
        Api ordersOnly = anonymous.bearer(createKey("orders:read", "orders:write"));
        Map<String, Long> before = RowCounts.of(jdbc);

        String body = "{\"amount\":1999}";
        assertProblem(anonymous.postIdempotent("/v1/orders/" + orderId + "/refunds", body, "refund-1"), 401, "credentials_missing");
        // The buyer who paid, with her session and her order's token: she has the keys, she gets no money back.
        assertProblem(alice.api().postIdempotent("/v1/orders/" + orderId + "/refunds", body, "refund-1"), 403, "scope_missing");
        assertProblem(ordersOnly.postIdempotent("/v1/orders/" + orderId + "/refunds", body, "refund-1"), 403, "scope_missing");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(alice.status(orderId)).isEqualTo("DELIVERED");
    }

    @Test
    void a_second_caller_with_the_first_callers_key_and_body_gets_its_own_order_and_never_the_first_ones_secrets() {
        Api.Answer first = alice.order(sku, 1, "order-1");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String aliceOrder = first.json().get("orderId").asString();
        String aliceToken = first.json().get("orderToken").asString();
        long ordersBefore = count("orders");

        Api.Answer second = mallory.order(sku, 1, "order-1");

        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        String malloryOrder = second.json().get("orderId").asString();
        assertThat(malloryOrder).isNotEqualTo(aliceOrder);
        assertThat(second.body()).doesNotContain(aliceOrder).doesNotContain(aliceToken);
        assertThat(count("orders")).isEqualTo(ordersBefore + 1);
        // Mallory's own token does not open Alice's order; Alice's replay still answers her own order.
        Map<String, Long> before = RowCounts.of(jdbc);
        assertProblem(anonymous.with((method, path) -> Map.of("X-Order-Token", second.json().get("orderToken").asString()))
                .get("/v1/orders/" + aliceOrder), 404, "order_not_found");
        Api.Answer replay = alice.order(sku, 1, "order-1");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void an_order_without_its_token_is_not_found_however_it_is_asked_for_and_its_card_keys_stay_hidden() {
        String orderId = alice.paidOrder(sku, 1);
        String cardKey = alice.getOrder(orderId).json().get("delivery").get("cardKeys").get(0).asString();
        Api[] strangers = {anonymous, mallory.api(), anonymous.bearer(createKey("catalog")),
                anonymous.with((method, path) -> Map.of("X-Order-Token", "ot_" + "A".repeat(43)))};
        mallory.buyerAuthorization();
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer missing = anonymous.get("/v1/orders/ord_0000000000000000000000000a");
        for (Api caller : strangers) {
            Api.Answer read = caller.get("/v1/orders/" + orderId);
            assertProblem(read, 404, "order_not_found");
            assertThat(read.body()).doesNotContain(cardKey).isEqualTo(missing.body().replace("ord_0000000000000000000000000a", orderId));
            assertProblem(caller.postIdempotent("/v1/orders/" + orderId + "/payments", "{}", UUID.randomUUID().toString()),
                    404, "order_not_found");
            assertProblem(caller.postIdempotent("/v1/orders/" + orderId + "/cancel", null, UUID.randomUUID().toString()),
                    404, "order_not_found");
        }

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        // The owner, and a merchant key with orders:read, do see it.
        assertThat(alice.getOrder(orderId).status()).isEqualTo(200);
        assertThat(anonymous.bearer(createKey("orders:read")).get("/v1/orders/" + orderId).body()).contains(cardKey);
    }

    @Test
    void creating_an_order_needs_a_buyer_session_or_a_key_with_orders_write() {
        Api readOnly = anonymous.bearer(createKey("orders:read"));
        Map<String, Long> before = RowCounts.of(jdbc);
        String body = "{\"sku\":\"" + sku + "\",\"quantity\":1}";

        assertProblem(anonymous.postIdempotent("/v1/orders", body, "k"), 401, "credentials_missing");
        assertProblem(anonymous.bearer("bs_aaaaaaaaaaaa_" + "A".repeat(43)).postIdempotent("/v1/orders", body, "k"), 401, "credentials_invalid");
        assertProblem(readOnly.postIdempotent("/v1/orders", body, "k"), 403, "scope_missing");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void a_revoked_key_is_refused_and_a_key_without_the_scope_gets_403() {
        String orderId = alice.paidOrder(sku, 1);
        Api.Answer created = anonymous.admin("/v1/admin/api-keys", "{\"scopes\":[\"refunds\"],\"label\":\"to revoke\"}");
        String key = created.json().get("key").asString();
        Api.Answer revoked = anonymous.send(java.net.http.HttpRequest.newBuilder(anonymous.uri("/v1/admin/api-keys/" + created.json().get("id").asString()))
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN).DELETE());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").asString()).isNotBlank();
        Api catalogOnly = anonymous.bearer(createKey("catalog"));
        Map<String, Long> before = RowCounts.of(jdbc);

        assertProblem(anonymous.bearer(key).postIdempotent("/v1/orders/" + orderId + "/refunds", "{\"amount\":1999}", "r"),
                401, "credentials_invalid");
        assertProblem(catalogOnly.postIdempotent("/v1/orders/" + orderId + "/refunds", "{\"amount\":1999}", "r"), 403, "scope_missing");
        // A key cannot mint itself more power, nor reach the admin endpoints.
        assertProblem(catalogOnly.post("/v1/admin/api-keys", "{\"scopes\":[\"admin\"]}"), 403, "scope_missing");
        assertProblem(catalogOnly.post("/v1/admin/systems", "{}"), 403, "scope_missing");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void a_membership_lookup_needs_the_members_scope_and_answers_in_the_envelope() {
        String path = "/api/member/payonce-shop/nobody";
        Api catalogOnly = anonymous.bearer(createKey("catalog"));
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer missing = anonymous.get(path);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("code").asInt()).isEqualTo(40105);
        Api.Answer wrongScope = catalogOnly.get(path);
        assertThat(wrongScope.status()).isEqualTo(403);
        assertThat(wrongScope.json().get("code").asInt()).isEqualTo(40301);
        Api.Answer invalid = anonymous.bearer("pk_aaaaaaaaaaaa_" + "A".repeat(43)).get(path);
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().get("code").asInt()).isEqualTo(40106);

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(anonymous.bearer(createKey("members")).get(path).json().get("code").asInt()).isEqualTo(40401);
    }

    @Test
    void an_unknown_scope_or_no_scope_creates_no_key() {
        Map<String, Long> before = RowCounts.of(jdbc);

        assertProblem(anonymous.admin("/v1/admin/api-keys", "{\"scopes\":[\"everything\"]}"), 400, "invalid_request");
        assertProblem(anonymous.admin("/v1/admin/api-keys", "{\"scopes\":[]}"), 400, "invalid_request");
        assertProblem(anonymous.send(java.net.http.HttpRequest.newBuilder(anonymous.uri("/v1/admin/api-keys/nosuchkey000"))
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN).DELETE()), 404, "api_key_not_found");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void each_scope_opens_its_own_endpoints() {
        Api catalog = anonymous.bearer(createKey("catalog"));
        Api writer = anonymous.bearer(createKey("orders:write"));
        Api reader = anonymous.bearer(createKey("orders:read"));
        String newSku = Shop.uniqueSku("scoped");

        assertThat(catalog.post("/v1/admin/products", "{\"sku\":\"" + newSku + "\",\"name\":\"n\",\"kind\":\"CARD_KEY\",\"price\":10}")
                .status()).isEqualTo(201);
        assertThat(catalog.post("/v1/admin/products/" + newSku + "/card-keys", "{\"codes\":[\"SCOPED-" + newSku + "\"]}").status())
                .isEqualTo(200);
        Api.Answer order = writer.postIdempotent("/v1/orders", "{\"sku\":\"" + newSku + "\",\"quantity\":1}", "scoped-1");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().get("orderToken").asString()).startsWith("ot_");
        String orderId = order.json().get("orderId").asString();
        assertThat(writer.postIdempotent("/v1/orders/" + orderId + "/payments", "{}", "scoped-2").status()).isEqualTo(201);
        assertThat(reader.get("/v1/orders/" + orderId).json().get("payments").size()).isEqualTo(1);
        assertProblem(reader.postIdempotent("/v1/orders/" + orderId + "/cancel", null, "scoped-3"), 404, "order_not_found");
    }

    @Test
    void the_consoles_reads_need_the_admin_scope_and_a_product_edit_needs_the_catalog_scope() {
        alice.paidOrder(sku, 1);
        Api catalog = anonymous.bearer(createKey("catalog"));
        Api writer = anonymous.bearer(createKey("orders:write", "orders:read", "refunds"));
        Map<String, Long> before = RowCounts.of(jdbc);

        // Orders with buyers' emails, sales figures, members and webhook endpoints: admin only.
        for (String read : new String[] {"/v1/admin/orders", "/v1/admin/stats", "/v1/admin/products",
                "/v1/admin/systems/payonce-shop/members", "/v1/admin/webhook-endpoints", "/v1/admin/webhook-events"}) {
            assertProblem(anonymous.get(read), 401, "credentials_missing");
            assertProblem(alice.api().get(read), 403, "scope_missing");
            assertProblem(catalog.get(read), 403, "scope_missing");
            assertProblem(writer.get(read), 403, "scope_missing");
        }
        // A buyer, or a key that may sell and refund, cannot change what a product costs.
        String cheaper = "{\"price\":1}";
        assertProblem(patch(anonymous, "/v1/admin/products/" + sku, cheaper), 401, "credentials_missing");
        assertProblem(patch(alice.api(), "/v1/admin/products/" + sku, cheaper), 403, "scope_missing");
        assertProblem(patch(writer, "/v1/admin/products/" + sku, cheaper), 403, "scope_missing");
        assertThat(anonymous.get("/v1/products/" + sku).json().get("price").asLong()).isEqualTo(1999);
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);

        // The scope itself opens it: the refusals above are the rule, not a closed door.
        Api.Answer renamed = patch(catalog, "/v1/admin/products/" + sku, "{\"name\":\"renamed by catalog\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(anonymous.get("/v1/products/" + sku).json().get("price").asLong()).isEqualTo(1999);
    }

    private static Api.Answer patch(Api caller, String path, String json) {
        return caller.send(java.net.http.HttpRequest.newBuilder(caller.uri(path)).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void an_encoded_or_doubled_admin_path_is_still_an_admin_path() {
        Map<String, Long> before = RowCounts.of(jdbc);

        for (String path : new String[] {"/v1/%61dmin/api-keys", "//v1/admin/api-keys", "/v1/admin//api-keys", "/v1/admin/./api-keys"}) {
            Api.Answer answer = anonymous.send(java.net.http.HttpRequest.newBuilder(anonymous.uri(path))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"admin\"]}")));
            assertThat(answer.status()).as(path + " " + answer.body()).isIn(400, 401, 404);
            assertThat(answer.body()).doesNotContain("pk_");
        }

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    private String createKey(String... scopes) {
        String list = String.join("\",\"", scopes);
        Api.Answer created = anonymous.admin("/v1/admin/api-keys", "{\"scopes\":[\"" + list + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        return created.json().get("key").asString();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
