package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;

import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.channels.PaymentChannels;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.payonce.support.SandboxGatewayServer;

/**
 * The whole shop paid through WeChat Pay: payonce with the WeChat Pay adapter configured from the
 * sandbox gateway's merchant.properties, the gateway in its own Spring
 * application. The buyer pays on the sandbox's page, the sandbox's signed and encrypted
 * notification reaches {@code /v1/callbacks/wechat}, the order is delivered; refunds go through
 * WeChat Pay's refund API; a forged notification is answered 400 FAIL and changes nothing.
 */
@IntegrationTest
// The sandbox gateway's settings reach every test context (SandboxGatewayServer).
class WechatShopIT {

    private static final SandboxGatewayServer sandbox = SandboxGatewayServer.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    PaymentChannels channels;
    @Autowired
    JdbcClient jdbc;
    Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        sku = shop.stockedSku("wechat", 1999, 10);
    }

    @Test
    void an_order_paid_on_the_wechat_sandbox_is_delivered_by_its_notification() throws Exception {
        String orderId = shop.placeOrder(sku, 2);
        Api.Answer payment = shop.api().postIdempotent("/v1/orders/" + orderId + "/payments", "{\"channel\":\"wechat\"}",
                UUID.randomUUID().toString());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        String paymentId = payment.json().get("paymentId").asString();
        assertThat(payment.json().get("payUrl").asString()).isEqualTo(sandbox.baseUrl() + "/sandbox/wechat/pay/" + paymentId);

        assertThat(sandbox.control().pay("wechat", paymentId).status()).isEqualTo(200);

        shop.awaitStatus(orderId, "DELIVERED");
        String tradeNo = ((TradeStatus.Paid) channels.find("wechat").orElseThrow().queryTrade(paymentId)).tradeNo();
        assertThat(jdbc.sql("SELECT trade_no FROM payments WHERE id = ?").param(paymentId).query(String.class).single()).isEqualTo(tradeNo);
    }

    @Test
    void a_refund_goes_through_wechat_pay_and_succeeds() throws Exception {
        String orderId = shop.placeOrder(sku, 1);
        String paymentId = shop.api().postIdempotent("/v1/orders/" + orderId + "/payments", "{\"channel\":\"wechat\"}",
                UUID.randomUUID().toString()).json().get("paymentId").asString();
        sandbox.control().pay("wechat", paymentId).ok();
        shop.awaitStatus(orderId, "DELIVERED");

        Api.Answer refund = shop.refund(orderId, 999, UUID.randomUUID().toString());

        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(shop.status(orderId)).isEqualTo("PARTIALLY_REFUNDED");
        String refundId = refund.json().get("refundId").asString();
        assertThat(channels.find("wechat").orElseThrow().queryRefund(paymentId, refundId))
                .isInstanceOfSatisfying(io.payonce.channels.PaymentChannel.RefundQuery.Succeeded.class, found -> assertThat(found.amount()).isEqualTo(999));
    }

    @Test
    void a_notification_forged_with_another_platform_key_is_refused_and_changes_nothing() throws Exception {
        String orderId = shop.placeOrder(sku, 1);
        String paymentId = shop.api().postIdempotent("/v1/orders/" + orderId + "/payments", "{\"channel\":\"wechat\"}",
                UUID.randomUUID().toString()).json().get("paymentId").asString();
        SandboxKeys real = SandboxKeys.loadOrCreate(sandbox.keysDir());
        SandboxKeys forger = new SandboxKeys(real.alipayAppId(), real.alipayGateway(), real.alipayApp(), real.wechatAppId(),
                real.wechatMchId(), real.wechatMerchantSerial(), real.wechatPlatformPublicKeyId(), SandboxKeys.generate().wechatPlatform(),
                real.wechatMerchant(), real.wechatApiV3Key());
        TradeView paid = new TradeView("wechat", paymentId, "4200009999", "forged", 1999, "CNY", TradeState.TRADE_SUCCESS, 0,
                "http://127.0.0.1:" + port + "/v1/callbacks/wechat", java.time.Instant.now(), java.time.Instant.now(), null);

        HttpResponse<String> forged = post(WechatNotificationsTest.inbound(forger, paid, Clock.systemUTC()));
        HttpResponse<String> genuineButForAnotherAmount = post(WechatNotificationsTest.inbound(real,
                new TradeView("wechat", paymentId, "4200009999", "x", 1, "CNY", TradeState.TRADE_SUCCESS, 0, paid.notifyUrl(),
                        paid.createdAt(), paid.paidAt(), null), Clock.systemUTC()));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"notification refused\"}");
        assertThat(genuineButForAnotherAmount.statusCode()).isEqualTo(400);
        assertThat(shop.status(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = ?").param(paymentId).query(String.class).single()).isEqualTo("PENDING");
    }

    private HttpResponse<String> post(io.payonce.channels.PaymentChannel.InboundNotification notification) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/callbacks/wechat"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()));
        notification.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
