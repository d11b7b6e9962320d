package io.payonce.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.payonce.openapi.client.ApiClient;
import io.payonce.openapi.client.ApiException;
import io.payonce.openapi.client.ApiResponse;
import io.payonce.openapi.client.api.ApiKeysApi;
import io.payonce.openapi.client.api.BuyerSessionsApi;
import io.payonce.openapi.client.api.CatalogApi;
import io.payonce.openapi.client.api.OrdersApi;
import io.payonce.openapi.client.model.Buyer;
import io.payonce.openapi.client.model.CreateApiKeyRequest;
import io.payonce.openapi.client.model.CreateOrderRequest;
import io.payonce.openapi.client.model.CreatePaymentRequest;
import io.payonce.openapi.client.model.CreateProductRequest;
import io.payonce.openapi.client.model.CreateRefundRequest;
import io.payonce.openapi.client.model.ImportCodesRequest;
import io.payonce.openapi.client.model.Order;
import io.payonce.openapi.client.model.Payment;
import io.payonce.openapi.client.model.Problem;
import io.payonce.openapi.client.model.ProductResponse;
import io.payonce.openapi.client.model.Refund;
import io.payonce.support.IntegrationTest;
import io.payonce.support.SandboxGatewayServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's walk-through, written with nothing but a client that openapi-generator made from
 * docs/openapi.json (which OpenApiContractIT keeps equal to what payonce serves): product and
 * stock, a merchant key, a buyer's order, an idempotent payment, the gateway's success, delivery,
 * refunds up to the paid amount, and sold out. If the description lies about a body, a status or a
 * header, a call here fails to compile or to read its answer.
 */
@IntegrationTest
class GeneratedClientWalkThroughIT {

    private static final String ADMIN = "Bearer " + IntegrationTest.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    @Test
    void a_generated_client_completes_the_walk_through() throws Exception {
        // 1. A product, and three card keys in stock.
        CatalogApi catalog = new CatalogApi(client(ADMIN, null));
        catalog.createProduct(new CreateProductRequest().sku("game-key").name("Game key")
                .kind(CreateProductRequest.KindEnum.CARD_KEY).price(1999L).currency("CNY"));
        assertThat(catalog.importCardKeys("game-key", new ImportCodesRequest().codes(List.of("AAAA-1111", "BBBB-2222", "CCCC-3333")))
                .getImported()).isEqualTo(3);
        ProductResponse product = new CatalogApi(client(null, null)).getProduct("game-key");
        assertThat(product.getAvailable()).isEqualTo(3L);
        assertThat(product.getPrice()).isEqualTo(1999L);

        // 2. The merchant's backend gets an API key that may refund.
        String refundsKey = new ApiKeysApi(client(ADMIN, null)).createApiKey(new CreateApiKeyRequest()
                .scopes(List.of(CreateApiKeyRequest.ScopesEnum.REFUNDS)).label("walkthrough")).getKey();
        OrdersApi merchant = new OrdersApi(client("Bearer " + refundsKey, null));

        // 3. A buyer session, then an order for one key; its answer carries the order's token.
        String buyerToken = "Bearer " + new BuyerSessionsApi(client(null, null)).openBuyerSession().getBuyerToken();
        OrdersApi buyer = new OrdersApi(client(buyerToken, null));
        // The headers after the body: Submit-Token, X-Captcha-Token, X-Captcha-Answer (none here), Idempotency-Key.
        ApiResponse<Order> created = buyer.createOrderWithHttpInfo(new CreateOrderRequest().sku("game-key").quantity(1L)
                .buyer(new Buyer().userId("alice").email("alice@example.com")), null, null, null, "order-1");
        assertThat(created.getStatusCode()).isEqualTo(201);
        Order order = created.getData();
        assertThat(order.getStatus()).isEqualTo(Order.StatusEnum.PENDING_PAYMENT);
        assertThat(order.getOrderToken()).startsWith("ot_");
        OrdersApi holder = new OrdersApi(client(null, order.getOrderToken()));

        // 4. Pay through Alipay, twice with one key: the second answer is the stored one.
        ApiResponse<Payment> first = holder.payOrderWithHttpInfo(order.getOrderId(), "pay-1", new CreatePaymentRequest().channel("alipay"));
        ApiResponse<Payment> again = holder.payOrderWithHttpInfo(order.getOrderId(), "pay-1", new CreatePaymentRequest().channel("alipay"));
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(first.getHeaders()).doesNotContainKey("idempotent-replayed");
        assertThat(again.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(again.getData().getPaymentId()).isEqualTo(first.getData().getPaymentId());

        // 5. The buyer pays at the gateway, whose signed notification reaches payonce.
        gatewayPays(first.getData().getPaymentId());

        // 6. The order is DELIVERED with one of the keys, for the holder of its token; to anyone else it does not exist.
        Order delivered = awaitStatus(holder, order.getOrderId(), Order.StatusEnum.DELIVERED);
        assertThat(delivered.getDelivery().getCardKeys()).hasSize(1).allMatch(List.of("AAAA-1111", "BBBB-2222", "CCCC-3333")::contains);
        assertThat(problem(() -> new OrdersApi(client(null, null)).getOrder(order.getOrderId())).getCode()).isEqualTo("order_not_found");

        // 7. The buyer cannot refund; the merchant's key refunds part, then the rest, and no more.
        assertThat(problem(() -> buyer.refundOrder(order.getOrderId(), "refund-1", new CreateRefundRequest().amount(999L))).getCode())
                .isEqualTo("scope_missing");
        Refund part = merchant.refundOrder(order.getOrderId(), "refund-1", new CreateRefundRequest().amount(999L));
        assertThat(part.getAmount()).isEqualTo(999L);
        merchant.refundOrder(order.getOrderId(), "refund-2", new CreateRefundRequest().amount(1000L));
        Problem tooMuch = problem(() -> merchant.refundOrder(order.getOrderId(), "refund-3", new CreateRefundRequest().amount(1L)));
        assertThat(tooMuch.getCode()).isEqualTo("refund_exceeds_paid");
        assertThat(tooMuch.getStatus()).isEqualTo(409);
        Order refunded = holder.getOrder(order.getOrderId());
        assertThat(refunded.getStatus()).isEqualTo(Order.StatusEnum.REFUNDED);
        assertThat(refunded.getRefundedAmount()).isEqualTo(1999L);
        assertThat(refunded.getRefunds()).extracting(Refund::getAmount).containsExactly(999L, 1000L);

        // 8. Two keys are left: five is sold out, as a problem the client reads.
        Problem soldOut = problem(() -> buyer.createOrder(new CreateOrderRequest().sku("game-key").quantity(5L), null, null, null, "order-2"));
        assertThat(soldOut.getCode()).isEqualTo("sold_out");
        assertThat(soldOut.getStatus()).isEqualTo(409);
    }

    /** The gateway's side of step 5: the buyer pays on the sandbox gateway, which then notifies payonce. */
    private static void gatewayPays(String paymentId) {
        SandboxGatewayServer.get().control().pay("alipay", paymentId).ok();
    }

    /** The notification arrives on the gateway's own schedule: read the order until it is delivered, for at most 30 s. */
    private static Order awaitStatus(OrdersApi orders, String orderId, Order.StatusEnum wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Order order = orders.getOrder(orderId);
        while (order.getStatus() != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            order = orders.getOrder(orderId);
        }
        assertThat(order.getStatus()).isEqualTo(wanted);
        return order;
    }

    /**
     * A client whose every request carries this bearer credential and order token (either may be
     * null). It refuses a field the description does not declare, which the generated client
     * would otherwise drop without a word: an answer with more than the contract says fails here.
     */
    private ApiClient client(String authorization, String orderToken) {
        ApiClient client = new ApiClient();
        client.setObjectMapper(client.getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (orderToken != null) {
                request.header("X-Order-Token", orderToken);
            }
        });
        return client;
    }

    private interface Call {
        Object run() throws ApiException;
    }

    /** The refusal of a call, read with the generated Problem model as the description says it is. */
    private static Problem problem(Call call) throws Exception {
        ApiException refused = catchThrowableOfType(ApiException.class, call::run);
        assertThat(refused).as("the call was refused").isNotNull();
        assertThat(refused.getResponseHeaders().firstValue("content-type")).hasValue("application/problem+json");
        return new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    }
}
