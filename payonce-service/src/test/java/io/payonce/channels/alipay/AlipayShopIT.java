package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.Api;
import io.payonce.support.SandboxGatewayServer;
import io.payonce.support.SecondPayonce;
import io.payonce.support.Shop;
import io.payonce.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * A whole payonce whose {@code alipay} channel is {@link AlipayChannel},
 * against the sandbox gateway (the test JVM's {@link SandboxGatewayServer}): a buyer pays on the gateway's page, the
 * gateway's signed notification reaches {@code /v1/callbacks/alipay} and delivers the order; a
 * refund goes through Alipay's refund call; a forged notification changes nothing.
 */
class AlipayShopIT {

    private static SandboxBook book;
    private static String appId;
    private static SecondPayonce payonce;
    private static Shop shop;
    private static String gatewayBase;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        SandboxGatewayServer sandbox = SandboxGatewayServer.get();
        gatewayBase = sandbox.baseUrl();
        book = sandbox.book();
        appId = sandbox.merchantSettings().get("payonce.channels.alipay.app-id");
        List<String> settings = new ArrayList<>(List.of("--payonce.payments.unknown-after=1s",
                "--payonce.payments.janitor-interval=200ms",
                "--payonce.channels.alipay.read-timeout=1s"));
        sandbox.merchantSettings().forEach((name, value) -> {
            if (name.startsWith("payonce.channels.alipay.")) {
                settings.add("--" + name + "=" + value);
            }
        });
        MockEnvironment database = new MockEnvironment().withProperty("payonce.db.url", TestDatabase.createDatabase())
                .withProperty("payonce.db.username", TestDatabase.user());
        payonce = SecondPayonce.start(database, settings.toArray(String[]::new));
        shop = new Shop(new Api(payonce.port()));
    }

    @AfterAll
    static void stop() {
        if (payonce != null) {
            payonce.close();
        }
    }

    @Test
    void the_alipay_channel_is_alipays_sdk_and_the_simulator_is_gone() {
        // The channel bean may be wrapped by this classpath's test components (CrashPointChannel): ask the port.
        assertThat(payonce.bean(io.payonce.channels.PaymentChannels.class).names()).contains("alipay");
        assertThat(payonce.bean(NotifyUrl.class).get()).isEqualTo("http://127.0.0.1:" + payonce.port() + "/v1/callbacks/alipay");
        assertThat(shop.anonymous().get("/sim/alipay/faults").status()).isEqualTo(404);
    }

    @Test
    void a_buyer_pays_on_the_gateways_page_and_its_signed_notification_delivers_the_order() {
        String sku = shop.stockedSku("alipay-e2e", 1288, 3);
        String orderId = shop.placeOrder(sku, 2);
        Api.Answer payment = shop.pay(orderId, UUID.randomUUID().toString());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        String paymentId = payment.json().get("paymentId").asString();
        assertThat(payment.json().get("payUrl").asString()).isEqualTo(gatewayBase + "/sandbox/alipay/pay/" + paymentId);
        assertThat(book.find("alipay", paymentId).orElseThrow().amount()).isEqualTo(2576);

        assertThat(control("/sandbox/alipay/trades/" + paymentId + "/pay")).isEqualTo(200);

        shop.awaitStatus(orderId, "DELIVERED");
        Api.Answer refund = shop.refund(orderId, 1, UUID.randomUUID().toString());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(book.find("alipay", paymentId).orElseThrow().refundedAmount()).isEqualTo(1);
    }

    @Test
    void a_lost_answer_leaves_the_payment_unknown_until_the_janitor_asks_alipay() {
        String sku = shop.stockedSku("alipay-lost", 500, 1);
        String orderId = shop.placeOrder(sku, 1);
        assertThat(controlJson("/sandbox/alipay/faults", "{\"nextTrades\":[\"TIMEOUT\"]}")).isEqualTo(200);

        Api.Answer payment = shop.pay(orderId, UUID.randomUUID().toString());
        assertThat(payment.json().get("status").asString()).as(payment.body()).isEqualTo("UNKNOWN");
        String paymentId = payment.json().get("paymentId").asString();
        await().atMost(Duration.ofSeconds(40)).until(() -> book.find("alipay", paymentId).isPresent());
        control("/sandbox/alipay/trades/" + paymentId + "/pay");

        shop.awaitStatus(orderId, "DELIVERED");
    }

    @Test
    void a_notification_signed_with_another_key_is_refused_and_changes_nothing() {
        String sku = shop.stockedSku("alipay-forged", 700, 1);
        String orderId = shop.placeOrder(sku, 1);
        String paymentId = shop.startPayment(orderId);
        Map<String, String> fields = AlipayNotificationsTest.fields("TRADE_SUCCESS", "7.00");
        fields.put("out_trade_no", paymentId);
        fields.put("app_id", appId);

        Api.Answer forged = shop.anonymous().send(HttpRequest.newBuilder(shop.anonymous().uri("/v1/callbacks/alipay"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AlipayNotificationsTest.body(
                        AlipayNotificationsTest.signed(fields, SandboxKeys.generate().alipayGateway())))));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).isEqualTo("fail");
        assertThat(shop.status(orderId)).isEqualTo("PENDING_PAYMENT");
    }

    private static int control(String path) {
        return send(HttpRequest.newBuilder(URI.create(gatewayBase + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static int controlJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(gatewayBase + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static int send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
