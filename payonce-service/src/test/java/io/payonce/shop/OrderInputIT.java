package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad input of every kind gets a clear 4xx with its code and changes nothing; the idempotency table of API.md. */
@IntegrationTest
class OrderInputIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        sku = shop.stockedSku("input", 1000, 5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative quantity     | {\"sku\":\"SKU\",\"quantity\":-1}                | invalid_request",
            "zero quantity         | {\"sku\":\"SKU\",\"quantity\":0}                 | invalid_request",
            "quantity over limit   | {\"sku\":\"SKU\",\"quantity\":101}               | invalid_request",
            "huge quantity         | {\"sku\":\"SKU\",\"quantity\":99999999999999999999999} | malformed_json",
            "fractional quantity   | {\"sku\":\"SKU\",\"quantity\":1.5}               | malformed_json",
            "quantity as text      | {\"sku\":\"SKU\",\"quantity\":\"one\"}           | malformed_json",
            "missing sku           | {\"quantity\":1}                               | invalid_request",
            "sku with bad chars    | {\"sku\":\"a b;drop\",\"quantity\":1}            | invalid_request",
            "unknown field         | {\"sku\":\"SKU\",\"quantity\":1,\"price\":1}      | malformed_json",
            "bad email             | {\"sku\":\"SKU\",\"quantity\":1,\"buyer\":{\"email\":\"nope\"}} | invalid_request",
            "array body            | [1,2,3]                                        | malformed_json",
            "null body             | null                                           | malformed_json",
    })
    void a_bad_order_body_is_refused_with_its_code_and_stores_nothing(String name, String body, String code) {
        long before = rows();
        Api.Answer answer = shop.api().postIdempotent("/v1/orders", body.replace("SKU", sku), UUID.randomUUID().toString());
        assertProblem(answer, 400, code);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void an_unknown_sku_is_404_and_a_retry_after_the_product_exists_is_processed() {
        String later = Shop.uniqueSku("later");
        String key = UUID.randomUUID().toString();
        assertProblem(shop.order(later, 1, key), 404, "product_not_found");
        shop.cardKeyProduct(later, 10);
        shop.importKeys(later, 1);
        assertThat(shop.order(later, 1, key).status()).isEqualTo(201);
    }

    @Test
    void idempotency_keys_missing_malformed_or_too_long_are_refused() {
        long before = rows();
        String body = "{\"sku\":\"" + sku + "\",\"quantity\":1}";
        assertProblem(shop.api().post("/v1/orders", body), 400, "idempotency_key_missing");
        assertProblem(shop.api().postIdempotent("/v1/orders", body, "k".repeat(256)), 400, "idempotency_key_invalid");
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Authorization: " + shop.buyerAuthorization() + "\r\nContent-Length: " + bodyBytes.length + "\r\nIdempotency-Key: caf").getBytes(StandardCharsets.US_ASCII);
        byte[] request = concat(head, new byte[] {(byte) 0xc3, (byte) 0xa9}, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bodyBytes);
        assertThat(shop.api().rawStatus(request)).isEqualTo(400);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void the_same_key_with_another_body_is_422_and_the_first_answer_stands() {
        String key = UUID.randomUUID().toString();
        Api.Answer first = shop.order(sku, 1, key);
        assertThat(first.status()).isEqualTo(201);
        assertProblem(shop.order(sku, 2, key), 422, "idempotency_key_reused");
        Api.Answer replay = shop.order(sku, 1, key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void a_retry_that_reorders_fields_is_the_same_request() {
        String key = UUID.randomUUID().toString();
        Api.Answer first = shop.api().postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":1}", key);
        Api.Answer again = shop.api().postIdempotent("/v1/orders", "{ \"quantity\" : 1 , \"sku\" : \"" + sku + "\" }", key);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void sold_out_is_a_stored_answer() {
        String key = UUID.randomUUID().toString();
        assertProblem(shop.order(sku, 6, key), 409, "sold_out");
        shop.importKeys(sku, 10);
        Api.Answer replay = shop.order(sku, 6, key);
        assertProblem(replay, 409, "sold_out");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void unknown_or_malformed_order_ids_are_404_without_touching_anything() {
        assertProblem(shop.api().get("/v1/orders/ord_doesnotexist"), 404, "order_not_found");
        assertProblem(shop.api().get("/v1/orders/" + "x".repeat(300)), 404, "order_not_found");
        assertProblem(shop.pay("ord_0000000000000000000000000a", UUID.randomUUID().toString()), 404, "order_not_found");
    }

    @Test
    void a_membership_order_needs_a_user_id() {
        String vip = Shop.uniqueSku("vip");
        shop.membershipProduct(vip, 3000, 30);
        Api.Answer answer = shop.api().postIdempotent("/v1/orders", "{\"sku\":\"" + vip + "\",\"quantity\":1}", UUID.randomUUID().toString());
        assertProblem(answer, 400, "invalid_request");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private long rows() {
        return jdbc.sql("SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM idempotency_keys)"
                + " + (SELECT count(*) FROM card_keys WHERE status <> 'AVAILABLE')").query(Long.class).single();
    }
}
