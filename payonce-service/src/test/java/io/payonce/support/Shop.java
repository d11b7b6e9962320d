package io.payonce.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

import io.payonce.client.PayonceClient;
import io.payonce.client.RetryPolicy;
import io.payonce.client.model.NewProduct;

/**
 * Test steps in the shop's own words, over HTTP. The shop is used as one buyer would: with a buyer
 * session, sending each order's token with the calls on that order; refunds go through a merchant
 * API key with the refunds scope, and stock through the admin token. Set-up steps go through
 * payonce-client's typed calls; the steps a test asserts on return the raw {@link Api.Answer}.
 */
public final class Shop {

    private final Api anonymous;
    private final BuyerCredentials buyerCredentials;
    private final Api api;
    private volatile Api merchant;

    public Shop(Api api) {
        this(api, new BuyerCredentials(api));
    }

    private Shop(Api api, BuyerCredentials buyerCredentials) {
        this.anonymous = api;
        this.buyerCredentials = buyerCredentials;
        this.api = api.with(buyerCredentials);
    }

    /** The same buyer (session and order tokens) calling another instance of the service. */
    public Shop at(Api otherInstance) {
        return new Shop(otherInstance, buyerCredentials);
    }

    /** The service as this shop's buyer calls it: its buyer session, and the token of each order it made. */
    public Api api() {
        return api;
    }

    /** The service without any credential. */
    public Api anonymous() {
        return anonymous;
    }

    /** The buyer session as an Authorization header value, for requests built by hand. */
    public String buyerAuthorization() {
        return "Bearer " + buyerCredentials.buyerToken();
    }

    /** The token the service gave this buyer for an order, or null. */
    public String orderToken(String orderId) {
        return buyerCredentials.orderTokens.get(orderId);
    }

    /** The merchant's backend: an API key with the refunds, orders and members scopes, made once per Shop. */
    public Api merchant() {
        if (merchant == null) {
            synchronized (this) {
                if (merchant == null) {
                    String key = admin(anonymous).admin()
                            .createApiKey(List.of("refunds", "orders:read", "orders:write", "members"), "test merchant").value().key();
                    merchant = anonymous.bearer(key);
                }
            }
        }
        return merchant;
    }

    public Api.Answer refund(String orderId, long amount, String key) {
        return merchant().postIdempotent("/v1/orders/" + orderId + "/refunds", "{\"amount\":" + amount + "}", key);
    }

    public Api.Answer cancel(String orderId, String key) {
        return api.postIdempotent("/v1/orders/" + orderId + "/cancel", null, key);
    }

    /** A buyer session, opened on the first call; keeps the order token of every order created with it. */
    private static final class BuyerCredentials implements Api.Credentials {
        private static final Pattern ORDER_PATH = Pattern.compile("/v1/orders/([^/]+)(/.*)?");

        private final Api anonymous;
        private final Map<String, String> orderTokens = new ConcurrentHashMap<>();
        private volatile String buyerToken;

        BuyerCredentials(Api anonymous) {
            this.anonymous = anonymous;
        }

        @Override
        public Map<String, String> headers(String method, String path) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", "Bearer " + buyerToken());
            Matcher order = ORDER_PATH.matcher(path);
            if (order.matches() && orderTokens.containsKey(order.group(1))) {
                headers.put("X-Order-Token", orderTokens.get(order.group(1)));
            }
            return headers;
        }

        @Override
        public void answered(String method, String path, Api.Answer answer) {
            // 202: a queued product's order (issue 10), with its token like a created one.
            if (method.equals("POST") && path.equals("/v1/orders") && (answer.status() == 201 || answer.status() == 202)) {
                orderTokens.put(answer.json().get("orderId").asString(), answer.json().get("orderToken").asString());
            }
        }

        private String buyerToken() {
            if (buyerToken == null) {
                synchronized (this) {
                    if (buyerToken == null) {
                        buyerToken = anonymous.client().orders().openBuyerSession().value().buyerToken();
                    }
                }
            }
            return buyerToken;
        }
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
        admin(anonymous).catalog().createProduct(NewProduct.cardKeys(sku, "Test " + sku, price));
    }

    public void membershipProduct(String sku, long price, int days) {
        admin(anonymous).catalog().createProduct(NewProduct.membership(sku, "VIP " + days, price, days));
    }

    /** The typed client with the admin token, no retries (a test sees each answer as it came). */
    private static PayonceClient admin(Api api) {
        return api.client(IntegrationTest.ADMIN_TOKEN, RetryPolicy.none());
    }

    /** Imports {@code count} fresh codes and returns them. */
    public List<String> importKeys(String sku, int count) {
        List<String> codes = IntStream.range(0, count).mapToObj(i -> "KEY-" + sku + "-" + i + "-" + UUID.randomUUID())
                .toList();
        assertThat(admin(anonymous).catalog().importCardKeys(sku, codes).value().imported()).isEqualTo(count);
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

    /** The buyer pays the payment's alipay trade on the sandbox gateway; its notification follows. */
    public void buyerPays(String paymentId) {
        gateway().pay("alipay", paymentId).ok();
    }

    /** The buyer gives up on the sandbox gateway's page: the trade closes and its notification follows. */
    public void buyerGivesUp(String paymentId) {
        gateway().fail("alipay", paymentId).ok();
    }

    /** The sandbox gateway's side: the buyer's buttons, its books, its fault switches. */
    public SandboxControl gateway() {
        return SandboxGatewayServer.get().control();
    }

    /** Sets the sandbox alipay's fault switches (see docs/sandbox-gateway.md). */
    public void alipayFaults(String switchesJson) {
        gateway().setFaults("alipay", switchesJson).ok();
    }

    /** Turns every fault switch of the sandbox alipay off again. */
    public void resetAlipayFaults() {
        gateway().resetFaults("alipay").ok();
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
