package io.payonce.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.SocketTimeoutException;
import java.time.Duration;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.support.ControlHttp;
import io.payonce.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole sandbox gateway (its PostgreSQL book, control API and fault switches) answering
 * Alipay's SDK: a trade opened by precreate is the one the control API pays, and the timeout fault
 * loses the answer to a call the book carried out.
 */
@GatewayIntegrationTest
class AlipayGatewayIT {

    @LocalServerPort
    int port;
    @Autowired
    SandboxKeys keys;
    @Autowired
    SandboxBook book;

    @Test
    void a_trade_precreated_through_the_sdk_is_paid_on_its_pay_page_and_queried_paid() throws Exception {
        DefaultAlipayClient sdk = client(3_000);

        AlipayTradePrecreateResponse created = sdk.execute(AlipayOpenApiTest.precreate("it-pay-1", "66.60"));
        assertThat(created.getQrCode()).isEqualTo("http://127.0.0.1:" + port + "/sandbox/alipay/pay/it-pay-1");
        assertThat(new ControlHttp(port).get("/sandbox/alipay/pay/it-pay-1").status()).isEqualTo(200);
        assertThat(new ControlHttp(port).post("/sandbox/alipay/trades/it-pay-1/pay").status()).isEqualTo(200);

        var paid = sdk.execute(AlipayOpenApiTest.query("it-pay-1"));
        assertThat(paid.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(paid.getTotalAmount()).isEqualTo("66.60");
        assertThat(book.find("alipay", "it-pay-1").orElseThrow().amount()).isEqualTo(6660);
        assertThat(sdk.execute(AlipayOpenApiTest.refund("it-pay-1", "it-r-1", "0.60")).getRefundFee()).isEqualTo("0.60");
        assertThat(sdk.execute(AlipayOpenApiTest.refundQuery("it-pay-1", "it-r-1")).getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(sdk.execute(AlipayOpenApiTest.close("it-pay-1")).getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    }

    @Test
    void the_timeout_fault_opens_the_trade_and_loses_the_answer_so_only_a_query_tells() throws Exception {
        assertThat(new ControlHttp(port).postJson("/sandbox/alipay/faults", "{\"nextTrades\":[\"TIMEOUT\"]}").status()).isEqualTo(200);
        // A read timeout under the test gateway's 200 ms hold: the client gives up first, as payonce
        // would. (Past the hold the dropped connection would make the JDK resend the POST once, and
        // the resent precreate would find the trade: harmless, since precreate is idempotent.)
        DefaultAlipayClient impatient = client(100);

        assertThatThrownBy(() -> impatient.execute(AlipayOpenApiTest.precreate("it-lost-1", "1.00")))
                .isInstanceOf(AlipayApiException.class)
                .rootCause().isInstanceOf(SocketTimeoutException.class);

        DefaultAlipayClient sdk = client(3_000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sdk.execute(AlipayOpenApiTest.query("it-lost-1")).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY"));
    }

    @Test
    void the_decline_fault_is_a_signed_business_refusal() throws Exception {
        new ControlHttp(port).postJson("/sandbox/alipay/faults", "{\"nextTrades\":[\"DECLINE\"]}");

        AlipayTradePrecreateResponse declined = client(3_000).execute(AlipayOpenApiTest.precreate("it-declined-1", "1.00"));

        assertThat(declined.getCode()).isEqualTo("40004");
        assertThat(declined.getSubCode()).isEqualTo("ACQ.ACCESS_FORBIDDEN");
    }

    private DefaultAlipayClient client(int readTimeoutMs) throws AlipayApiException {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl("http://127.0.0.1:" + port + "/alipay/gateway.do");
        config.setAppId(keys.alipayAppId());
        config.setPrivateKey(AlipayOpenApiTest.base64(keys.alipayApp().getPrivate().getEncoded()));
        config.setAlipayPublicKey(AlipayOpenApiTest.base64(keys.alipayGateway().getPublic().getEncoded()));
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setReadTimeout(readTimeoutMs);
        return new DefaultAlipayClient(config);
    }
}
