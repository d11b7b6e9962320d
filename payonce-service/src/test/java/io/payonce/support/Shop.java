package io.payonce.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

/** Test steps in the shop's own words, over HTTP. */
public final class Shop {

    private final Api api;

    public Shop(Api api) {
        this.api = api;
    }

    public Api api() {
        return api;
    }

    public static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh card-key product with {@code keys} codes in stock; returns its sku. */
    public String stockedSku(String prefix, long price, int keys) {
        String sku = uniqueSku(prefix);
        cardKeyProduct(sku, price);
        importKeys(sku, keys);
        return sku;
    }

    public void cardKeyProduct(String sku, long price) {
        Api.Answer created = api.admin("/v1/admin/products",
                "{\"sku\":\"" + sku + "\",\"name\":\"Test " + sku + "\",\"kind\":\"CARD_KEY\",\"price\":" + price + ",\"currency\":\"CNY\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    public void membershipProduct(String sku, long price, int days) {
        Api.Answer created = api.admin("/v1/admin/products", "{\"sku\":\"" + sku + "\",\"name\":\"VIP " + days
                + "\",\"kind\":\"MEMBERSHIP\",\"price\":" + price + ",\"currency\":\"CNY\",\"membershipDays\":" + days + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Imports {@code count} fresh codes and returns them. */
    public java.util.List<String> importKeys(String sku, int count) {
        java.util.List<String> codes = IntStream.range(0, count).mapToObj(i -> "KEY-" + sku + "-" + i + "-" + UUID.randomUUID())
                .toList();
        Api.Answer imported = api.admin("/v1/admin/products/" + sku + "/card-keys",
                "{\"codes\":[" + codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")) + "]}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(count);
        return codes;
    }

    public Api.Answer order(String sku, int quantity, String key) {
        return api.postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + ",\"buyer\":{\"userId\":\"buyer-1\",\"email\":\"buyer@example.com\"}}", key);
    }

    public String placeOrder(String sku, int quantity) {
        Api.Answer answer = order(sku, quantity, UUID.randomUUID().toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("orderId").asString();
    }

    public Api.Answer pay(String orderId, String key) {
        return api.postIdempotent("/v1/orders/" + orderId + "/payments", "{\"channel\":\"alipay\"}", key);
    }

    public String startPayment(String orderId) {
        Api.Answer answer = pay(orderId, UUID.randomUUID().toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("paymentId").asString();
    }

    public void buyerPays(String paymentId) {
        Api.Answer paid = api.post("/sim/alipay/payments/" + paymentId + "/succeed", null);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    }

    /** Sets the simulated alipay's fault switches (see docs/simulator.md). */
    public void alipayFaults(String switchesJson) {
        Api.Answer set = api.post("/sim/alipay/faults", switchesJson);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    /** Turns every fault switch of the simulated alipay off again. */
    public void resetAlipayFaults() {
        api.delete("/sim/alipay/faults");
    }

    public Api.Answer getOrder(String orderId) {
        return api.get("/v1/orders/" + orderId);
    }

    public String status(String orderId) {
        return getOrder(orderId).json().get("status").asString();
    }

    /** Waits (bounded) for the simulated notification to move the order to {@code status}. */
    public void awaitStatus(String orderId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(status(orderId)).isEqualTo(status));
    }

    /** Order, pay, and wait for the delivery: a paid card-key order. */
    public String paidOrder(String sku, int quantity) {
        String orderId = placeOrder(sku, quantity);
        buyerPays(startPayment(orderId));
        awaitStatus(orderId, "DELIVERED");
        return orderId;
    }
}
