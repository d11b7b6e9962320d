package io.payonce.web.store;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The storefront's own endpoints as an attacker and a buyer call them: the product list and the order lookup. */
@IntegrationTest
class StoreApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;
    Api anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new Api(port);
        shop = new Shop(anonymous);
    }

    @Test
    void the_product_list_shows_each_product_with_its_stock_to_anyone() {
        String sku = shop.stockedSku("listed", 1234, 2);

        Api.Answer list = anonymous.get("/v1/products");

        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode product : list.json().path("products")) {
            if (product.path("sku").stringValue().equals(sku)) {
                listed = product;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("price").asLong()).isEqualTo(1234);
        assertThat(listed.path("available").asLong()).isEqualTo(2);
    }

    @Test
    void a_lookup_shows_where_the_order_stands_and_never_its_keys_or_token() {
        String sku = shop.stockedSku("looked", 700, 1);
        String orderId = shop.paidOrder(sku, 1);

        Api.Answer found = anonymous.post("/v1/store/order-lookups", lookup(orderId, " BUYER@example.com "));

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("status").stringValue()).isEqualTo("DELIVERED");
        assertThat(found.json().path("productName").stringValue()).isEqualTo("Test " + sku);
        assertThat(found.header("Cache-Control")).isEqualTo("no-store");
        assertThat(found.body()).doesNotContain("KEY-").doesNotContain("ot_").doesNotContain("cardKeys").doesNotContain("buyer@");
    }

    @Test
    void a_wrong_email_an_unknown_order_and_a_malformed_number_get_the_same_answer_and_change_nothing() {
        String sku = shop.stockedSku("hidden", 700, 1);
        String orderId = shop.paidOrder(sku, 1);
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer wrongEmail = anonymous.post("/v1/store/order-lookups", lookup(orderId, "someone@example.com"));
        Api.Answer unknown = anonymous.post("/v1/store/order-lookups", lookup("ord_0000000000zzzzzzzzzzzzzzzz", "buyer@example.com"));
        Api.Answer malformed = anonymous.post("/v1/store/order-lookups", lookup("1 OR 1=1", "buyer@example.com"));
        Api.Answer noEmail = anonymous.post("/v1/store/order-lookups", "{\"orderId\":\"" + orderId + "\"}");
        Api.Answer notJson = anonymous.post("/v1/store/order-lookups", "{");

        assertProblem(wrongEmail, 404, "order_not_found");
        assertThat(unknown.body()).isEqualTo(wrongEmail.body());
        assertThat(malformed.body()).isEqualTo(wrongEmail.body());
        assertProblem(noEmail, 400, "invalid_request");
        assertProblem(notJson, 400, "malformed_json");
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void an_order_made_by_an_api_key_without_an_email_is_never_found_by_an_empty_email() {
        String sku = shop.stockedSku("noemail", 700, 1);
        Api admin = new Api(port).bearer(IntegrationTest.ADMIN_TOKEN);
        String orderId = admin.postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":1}", "no-email").json()
                .path("orderId").stringValue();

        assertProblem(anonymous.post("/v1/store/order-lookups", lookup(orderId, " ")), 400, "invalid_request");
        assertProblem(anonymous.post("/v1/store/order-lookups", lookup(orderId, "x@example.com")), 404, "order_not_found");
    }

    @Test
    void the_pages_allow_only_their_own_scripts_no_framing_and_no_referer() {
        for (String page : new String[]{"/", "/order.html", "/store/order.js"}) {
            Api.Answer answer = anonymous.get(page);

            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.header("Content-Security-Policy")).as(page).contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(answer.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
        }
    }

    private static String lookup(String orderId, String email) {
        return "{\"orderId\":\"" + orderId + "\",\"email\":\"" + email + "\"}";
    }
}
