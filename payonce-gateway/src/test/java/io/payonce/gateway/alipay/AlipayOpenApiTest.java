package io.payonce.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's Alipay openapi over HTTP, called by Alipay's own SDK: the SDK verifies every
 * answer's signature (a wrong one throws), and the sandbox refuses calls signed with another key,
 * tampered with, or for another app, with Alipay's own error codes.
 */
class AlipayOpenApiTest {

    private static final SandboxKeys KEYS = AlipayOnlyGateway.KEYS;

    /**
     * The Alipay protocol layer on Tomcat over a {@link MemoryBook}: no database, no notifier.
     * Nested in the test class, so the whole gateway's component scan in other tests leaves it out.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
    @Import({AlipayGatewayConfig.class, AlipayOpenApiController.class, PrecreateMethod.class, QueryMethod.class, CloseMethod.class,
            RefundMethod.class, RefundQueryMethod.class, AlipayNotificationFormat.class})
    static class AlipayOnlyGateway {

        static final SandboxKeys KEYS = SandboxKeys.generate();

        @Bean
        SandboxKeys sandboxKeys() {
            return KEYS;
        }

        @Bean
        MemoryBook memoryBook() {
            return new MemoryBook();
        }
    }
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext gateway;
    private static MemoryBook book;
    private static String url;

    @BeforeAll
    static void start() {
        gateway = new SpringApplicationBuilder(AlipayOnlyGateway.class)
                .properties("server.port=0", "spring.config.name=alipay-only-gateway", "spring.main.banner-mode=off").run();
        book = gateway.getBean(MemoryBook.class);
        url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port") + "/alipay/gateway.do";
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void the_sdk_verifies_every_answer_of_a_trade_from_precreate_to_refund_query() throws Exception {
        DefaultAlipayClient sdk = client(KEYS.alipayAppId(), KEYS.alipayApp(), KEYS.alipayGateway());

        AlipayTradePrecreateResponse created = sdk.execute(precreate("p-life-1", "0.01"));
        assertThat(created.getCode()).isEqualTo("10000");
        assertThat(created.getOutTradeNo()).isEqualTo("p-life-1");
        assertThat(created.getQrCode()).startsWith("http://127.0.0.1:").endsWith("/sandbox/alipay/pay/p-life-1");
        assertThat(book.find("alipay", "p-life-1").orElseThrow().notifyUrl()).isEqualTo("http://127.0.0.1:1/v1/callbacks/alipay");

        assertThat(sdk.execute(query("p-life-1")).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        book.pay("p-life-1");
        AlipayTradeQueryResponse paid = sdk.execute(query("p-life-1"));
        assertThat(paid.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(paid.getTotalAmount()).isEqualTo("0.01");
        assertThat(paid.getSendPayDate()).isNotNull();

        AlipayTradeRefundResponse refunded = sdk.execute(refund("p-life-1", "r-life-1", "0.01"));
        assertThat(refunded.getCode()).isEqualTo("10000");
        assertThat(refunded.getRefundFee()).isEqualTo("0.01");
        AlipayTradeFastpayRefundQueryResponse refundQuery = sdk.execute(refundQuery("p-life-1", "r-life-1"));
        assertThat(refundQuery.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(refundQuery.getRefundAmount()).isEqualTo("0.01");
        AlipayTradeFastpayRefundQueryResponse noSuchRefund = sdk.execute(refundQuery("p-life-1", "r-never"));
        assertThat(noSuchRefund.getCode()).isEqualTo("10000");
        assertThat(noSuchRefund.getRefundStatus()).isNull();
        assertThat(noSuchRefund.getOutRequestNo()).isNull();
    }

    @Test
    void business_refusals_are_signed_40004_with_alipays_sub_codes() throws Exception {
        DefaultAlipayClient sdk = client(KEYS.alipayAppId(), KEYS.alipayApp(), KEYS.alipayGateway());
        sdk.execute(precreate("p-refusals", "12.34"));
        book.pay("p-refusals");

        AlipayTradeCloseResponse closePaid = sdk.execute(close("p-refusals"));
        assertThat(closePaid.getCode()).isEqualTo("40004");
        assertThat(closePaid.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(signOf(closePaid.getBody())).isNotBlank();
        assertThat(sdk.execute(close("p-nobody")).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(sdk.execute(query("p-nobody")).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(sdk.execute(precreate("p-refusals", "12.34")).getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(sdk.execute(precreate("p-refusals", "12.35")).getSubCode()).isEqualTo("ACQ.CONTEXT_INCONSISTENT");
        assertThat(sdk.execute(refund("p-refusals", "r-too-much", "12.35")).getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(sdk.execute(precreate("p-bad-amount", "0.001")).getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
        assertThat(sdk.execute(precreate("p-bad-amount", "100000000.01")).getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
        assertThat(book.find("alipay", "p-bad-amount")).isEmpty();
    }

    @Test
    void a_call_signed_with_another_app_key_is_refused_as_an_invalid_signature_and_books_nothing() throws Exception {
        DefaultAlipayClient impostor = client(KEYS.alipayAppId(), SandboxKeys.generate().alipayApp(), KEYS.alipayGateway());
        int before = book.tradeCount();

        AlipayTradePrecreateResponse refused = impostor.execute(precreate("p-impostor", "1.00"));

        assertThat(refused.getCode()).isEqualTo("40002");
        assertThat(refused.getSubCode()).isEqualTo("isv.invalid-signature");
        assertThat(book.tradeCount()).isEqualTo(before);
    }

    @Test
    void a_call_for_another_app_id_is_refused() throws Exception {
        DefaultAlipayClient stranger = client("2021000000009999", KEYS.alipayApp(), KEYS.alipayGateway());

        AlipayTradePrecreateResponse refused = stranger.execute(precreate("p-stranger", "1.00"));

        assertThat(refused.getCode()).isEqualTo("40002");
        assertThat(refused.getSubCode()).isEqualTo("isv.invalid-app-id");
        assertThat(book.find("alipay", "p-stranger")).isEmpty();
    }

    @Test
    void a_tampered_call_is_refused_and_the_refusal_itself_verifies_under_the_gateways_key() throws Exception {
        Map<String, String> call = signedCall("alipay.trade.precreate",
                "{\"out_trade_no\":\"p-tampered\",\"total_amount\":\"0.01\",\"subject\":\"s\"}");
        call.put("biz_content", "{\"out_trade_no\":\"p-tampered\",\"total_amount\":\"9999.00\",\"subject\":\"s\"}");

        JsonNode answer = post(query(call), "");

        JsonNode response = answer.get("alipay_trade_precreate_response");
        assertThat(response.get("code").asString()).isEqualTo("40002");
        assertThat(response.get("sub_code").asString()).isEqualTo("isv.invalid-signature");
        assertThat(book.find("alipay", "p-tampered")).isEmpty();
    }

    @Test
    void a_parameter_sent_twice_or_a_missing_signature_is_refused_with_alipays_codes() throws Exception {
        Map<String, String> call = signedCall("alipay.trade.query", "{\"out_trade_no\":\"p-twice\"}");
        String biz = call.remove("biz_content");
        JsonNode twice = post(query(call) + "&method=alipay.trade.close", "biz_content=" + enc(biz));
        assertThat(twice.get("alipay_trade_query_response").get("sub_code").asString()).isEqualTo("isv.invalid-parameter");

        call.remove("sign");
        JsonNode unsigned = post(query(call), "biz_content=" + enc(biz));
        assertThat(unsigned.get("alipay_trade_query_response").get("code").asString()).isEqualTo("40001");
        assertThat(unsigned.get("alipay_trade_query_response").get("sub_code").asString()).isEqualTo("isv.missing-signature");

        call.put("method", "alipay.trade.no.such");
        JsonNode unknown = post(query(call), "biz_content=" + enc(biz));
        assertThat(unknown.get("error_response")).isNotNull();
    }

    @Test
    void the_sdk_refuses_an_answer_signed_by_another_gateway_key() {
        DefaultAlipayClient fooled = client(KEYS.alipayAppId(), KEYS.alipayApp(), SandboxKeys.generate().alipayGateway());

        assertThatThrownBy(() -> fooled.execute(query("p-any"))).isInstanceOf(AlipayApiException.class);
        assertThatThrownBy(() -> fooled.execute(precreate("p-fooled", "1.00"))).isInstanceOf(AlipayApiException.class);
    }

    @Test
    void the_answer_is_signed_over_the_response_objects_json_text_as_sent() throws Exception {
        DefaultAlipayClient sdk = client(KEYS.alipayAppId(), KEYS.alipayApp(), KEYS.alipayGateway());
        String body = sdk.execute(precreate("p-raw", "88.88")).getBody();

        String content = body.substring(body.indexOf(':') + 1, body.lastIndexOf(",\"sign\":"));
        assertThat(AlipaySignature.rsaCheck(content, signOf(body), base64(KEYS.alipayGateway().getPublic().getEncoded()),
                "UTF-8", "RSA2")).isTrue();
    }

    static DefaultAlipayClient client(String appId, KeyPair app, KeyPair gatewayKey) {
        try {
            AlipayConfig config = new AlipayConfig();
            config.setServerUrl(url);
            config.setAppId(appId);
            config.setPrivateKey(base64(app.getPrivate().getEncoded()));
            config.setAlipayPublicKey(base64(gatewayKey.getPublic().getEncoded()));
            config.setFormat("json");
            config.setCharset("UTF-8");
            config.setSignType("RSA2");
            return new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static AlipayTradePrecreateRequest precreate(String outTradeNo, String yuan) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(yuan);
        model.setSubject("a card key");
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl("http://127.0.0.1:1/v1/callbacks/alipay");
        return request;
    }

    static AlipayTradeQueryRequest query(String outTradeNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }

    static AlipayTradeCloseRequest close(String outTradeNo) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        return request;
    }

    static AlipayTradeRefundRequest refund(String outTradeNo, String outRequestNo, String yuan) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(outRequestNo);
        model.setRefundAmount(yuan);
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        return request;
    }

    static AlipayTradeFastpayRefundQueryRequest refundQuery(String outTradeNo, String outRequestNo) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(outRequestNo);
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        return request;
    }

    /** A call's parameters as the SDK builds them, signed with the app's key. */
    private static Map<String, String> signedCall(String method, String bizContent) throws AlipayApiException {
        Map<String, String> call = new LinkedHashMap<>();
        call.put("app_id", KEYS.alipayAppId());
        call.put("method", method);
        call.put("format", "json");
        call.put("charset", "UTF-8");
        call.put("sign_type", "RSA2");
        call.put("timestamp", "2026-11-30 12:00:00");
        call.put("version", "1.0");
        call.put("biz_content", bizContent);
        call.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignContent(call),
                base64(KEYS.alipayApp().getPrivate().getEncoded()), "UTF-8", "RSA2"));
        return call;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static JsonNode post(String queryString, String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "?" + queryString))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        String content = body.substring(body.indexOf(':') + 1, body.lastIndexOf(",\"sign\":"));
        assertThat(AlipaySignature.rsaCheck(content, signOf(body), base64(KEYS.alipayGateway().getPublic().getEncoded()),
                "UTF-8", "RSA2")).as("the refusal's signature").isTrue();
        return JSON.readTree(body);
    }

    private static String signOf(String body) {
        return JSON.readTree(body).get("sign").asString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
