package io.payonce.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.support.CallbackRecorder;
import io.payonce.gateway.support.ControlHttp;
import io.payonce.gateway.support.GatewayIntegrationTest;
import io.payonce.gateway.support.WithTestNotificationFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
@WithTestNotificationFormat
class ControlApiIT {

    @Autowired
    SandboxBook book;
    @Autowired
    CallbackRecorder recorder;
    @LocalServerPort
    int port;

    ControlHttp http;

    @BeforeEach
    void setUp() {
        http = new ControlHttp(port);
    }

    @AfterEach
    void resetFaults() {
        http.delete("/sandbox/alipay/faults");
        http.delete("/sandbox/wechat/faults");
    }

    private static String newTradeNo() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "");
    }

    private String open(long amount, String subject) {
        String outTradeNo = newTradeNo();
        assertThat(book.open(new OpenRequest("alipay", "2021000000000001", outTradeNo, amount, "CNY", subject,
                CallbackRecorder.notifyUrl(port, "alipay")))).isInstanceOf(SandboxBook.Opened.Created.class);
        return outTradeNo;
    }

    private String open(long amount) {
        return open(amount, "Test product");
    }

    @Test
    void pay_answers_the_paid_trade_then_its_notification_follows() {
        String outTradeNo = open(1999);

        ControlHttp.Answer answer = http.post("/sandbox/alipay/trades/" + outTradeNo + "/pay");
        await().atMost(Duration.ofSeconds(15)).until(() -> !recorder.of(outTradeNo).isEmpty());
        JsonNode shown = http.get("/sandbox/alipay/trades/" + outTradeNo).json();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode trade = answer.json();
        assertThat(trade.path("outTradeNo").stringValue()).isEqualTo(outTradeNo);
        assertThat(trade.path("status").stringValue()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.path("amount").longValue()).isEqualTo(1999);
        assertThat(trade.path("merchantId").stringValue()).isEqualTo("2021000000000001");
        assertThat(trade.path("tradeNo").stringValue()).matches("\\d{28}");
        assertThat(trade.path("payUrl").stringValue()).isEqualTo("/sandbox/alipay/pay/" + outTradeNo);
        assertThat(trade.has("paidAt")).isTrue();
        assertThat(trade.has("closedAt")).isFalse();
        assertThat(shown.path("notifications").get(0).path("tradeStatus").stringValue()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void paying_twice_is_harmless_and_sends_one_notification() {
        String outTradeNo = open(100);

        assertThat(http.post("/sandbox/alipay/trades/" + outTradeNo + "/pay").status()).isEqualTo(200);
        assertThat(http.post("/sandbox/alipay/trades/" + outTradeNo + "/pay").status()).isEqualTo(200);
        assertThat(http.get("/sandbox/alipay/trades/" + outTradeNo).json().path("notifications").size()).isEqualTo(1);
    }

    @Test
    void the_trade_shows_its_refunds_with_their_reason() {
        String outTradeNo = open(1000);
        http.post("/sandbox/alipay/trades/" + outTradeNo + "/pay");
        book.refund(new SandboxBook.RefundRequest("alipay", outTradeNo, "ref_" + outTradeNo, 300, "CNY", "broken key"));

        JsonNode trade = http.get("/sandbox/alipay/trades/" + outTradeNo).json();

        assertThat(trade.path("refundedAmount").longValue()).isEqualTo(300);
        assertThat(trade.path("refunds").get(0).path("outRefundNo").stringValue()).isEqualTo("ref_" + outTradeNo);
        assertThat(trade.path("refunds").get(0).path("reason").stringValue()).isEqualTo("broken key");
    }

    @Test
    void a_trade_final_the_other_way_answers_409_trade_not_open_and_stays_as_it_was() {
        String paid = open(100);
        String closed = open(100);
        http.post("/sandbox/alipay/trades/" + paid + "/pay");
        http.post("/sandbox/alipay/trades/" + closed + "/fail");

        ControlHttp.Answer failPaid = http.post("/sandbox/alipay/trades/" + paid + "/fail");
        ControlHttp.Answer payClosed = http.post("/sandbox/alipay/trades/" + closed + "/pay");

        for (ControlHttp.Answer answer : List.of(failPaid, payClosed)) {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("trade_not_open");
        }
        assertThat(http.get("/sandbox/alipay/trades/" + paid).json().path("status").stringValue()).isEqualTo("TRADE_SUCCESS");
        assertThat(http.get("/sandbox/alipay/trades/" + closed).json().path("status").stringValue()).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void unknown_channels_and_trades_answer_404_problems() {
        ControlHttp.Answer noChannel = http.post("/sandbox/paypal/trades/" + newTradeNo() + "/pay");
        ControlHttp.Answer noTrade = http.post("/sandbox/alipay/trades/" + newTradeNo() + "/pay");
        ControlHttp.Answer noTradeToFail = http.post("/sandbox/wechat/trades/" + newTradeNo() + "/fail");
        ControlHttp.Answer noTradeToShow = http.get("/sandbox/alipay/trades/" + newTradeNo());
        ControlHttp.Answer noPage = http.get("/sandbox/alipay/pay/" + newTradeNo());
        ControlHttp.Answer noFaults = http.get("/sandbox/paypal/faults");

        assertThat(List.of(noChannel, noTrade, noTradeToFail, noTradeToShow, noPage, noFaults)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(noChannel.code()).isEqualTo("channel_not_found");
        assertThat(noFaults.code()).isEqualTo("channel_not_found");
        assertThat(noTrade.code()).isEqualTo("trade_not_found");
        assertThat(noPage.code()).isEqualTo("trade_not_found");
    }

    @Test
    void the_pay_page_escapes_what_the_merchant_wrote_and_offers_pay_and_give_up() {
        String outTradeNo = open(1999, "<script>alert(1)</script>");

        ControlHttp.Answer page = http.get("/sandbox/alipay/pay/" + outTradeNo);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("&lt;script&gt;").doesNotContain("<script>").contains("19.99")
                .contains("action=\"/sandbox/alipay/trades/" + outTradeNo + "/pay\"")
                .contains("action=\"/sandbox/alipay/trades/" + outTradeNo + "/fail\"");
    }

    @Test
    void the_buyer_pressing_pay_on_the_page_is_sent_back_to_it_and_sees_the_trade_paid() {
        String outTradeNo = open(1999);

        ControlHttp.Answer pressed = http.postForm("/sandbox/alipay/trades/" + outTradeNo + "/pay");
        ControlHttp.Answer page = http.get(pressed.location());

        assertThat(pressed.status()).isEqualTo(303);
        assertThat(pressed.location()).isEqualTo("/sandbox/alipay/pay/" + outTradeNo);
        assertThat(page.body()).contains("TRADE_SUCCESS").doesNotContain("<button>");
    }

    @Test
    void a_pay_page_opened_with_the_shops_return_link_sends_the_buyer_back_there_and_drops_any_other_kind_of_link() {
        String outTradeNo = open(1999);
        String back = "http://127.0.0.1:8080/order.html?id=ord_1";

        ControlHttp.Answer page = http.get("/sandbox/alipay/pay/" + outTradeNo + "?return_url="
                + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8));
        ControlHttp.Answer script = http.get("/sandbox/alipay/pay/" + outTradeNo + "?return_url=javascript:alert(1)");
        ControlHttp.Answer pressed = http.postForm("/sandbox/alipay/trades/" + outTradeNo + "/pay?return_url="
                + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(page.body()).contains("name=\"return_url\" value=\"" + back + "\"").contains("href=\"" + back + "\"");
        assertThat(script.body()).doesNotContain("javascript:").doesNotContain("return_url").doesNotContain("Back to the shop");
        assertThat(pressed.status()).isEqualTo(303);
        assertThat(pressed.location()).isEqualTo(back);
        assertThat(http.get("/sandbox/alipay/trades/" + outTradeNo).json().path("status").stringValue()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void health_is_up_while_the_books_answer() {
        ControlHttp.Answer health = http.get("/sandbox/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").stringValue()).isEqualTo("UP");
    }

    @Test
    void posted_switches_show_in_get_queues_append_and_delete_resets_them() {
        http.postJson("/sandbox/alipay/faults", "{\"nextTrades\": [\"DECLINE\"], \"delayMs\": 100, \"repeat\": 1, \"declineRate\": 0.1}");
        ControlHttp.Answer second = http.postJson("/sandbox/alipay/faults", "{\"nextTrades\": [\"TIMEOUT\"], \"reorder\": true, \"seed\": 3}");
        JsonNode shown = http.get("/sandbox/alipay/faults").json();
        JsonNode reset = http.delete("/sandbox/alipay/faults").json();

        assertThat(second.status()).isEqualTo(200);
        assertThat(shown.path("nextTrades").toString()).isEqualTo("[\"DECLINE\",\"TIMEOUT\"]");
        assertThat(shown.path("delayMs").longValue()).isEqualTo(100);
        assertThat(shown.path("repeat").intValue()).isEqualTo(1);
        assertThat(shown.path("reorder").booleanValue()).isTrue();
        assertThat(shown.path("declineRate").doubleValue()).isEqualTo(0.1);
        assertThat(shown.path("seed").longValue()).isEqualTo(3);
        assertThat(reset.path("nextTrades").isEmpty()).isTrue();
        assertThat(reset.path("delayMs").longValue()).isZero();
        assertThat(reset.path("reorder").booleanValue()).isFalse();
        assertThat(reset.has("seed")).isFalse();
        assertThat(http.get("/sandbox/wechat/faults").json().path("nextTrades").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"declineRate\": 1.5}", "{\"declineRate\": -0.1}", "{\"declineRate\": \"0.5\"}", "{\"loseRate\": 2}",
            "{\"declineRate\": 0.6, \"timeoutRate\": 0.6}", "{\"repeat\": 11}", "{\"repeat\": 1.5}", "{\"repeat\": -1}",
            "{\"delayMs\": -1}", "{\"delayMs\": 600001}", "{\"lose\": true}", "{\"reorder\": \"yes\"}", "{\"reorder\": 1}",
            "{\"nextTrades\": [\"EXPLODE\"]}", "{\"nextTrades\": \"DECLINE\"}", "{\"nextTrades\": [\"decline\"]}",
            "{\"nextTrades\": [null]}", "{\"nextRefunds\": [\"PENDING\"]}", "{\"seed\": 1.5}", "{\"seed\": \"7\"}",
            "{\"unknown\": 1}", "[]", "\"DECLINE\"", "null", "42",
    })
    void a_bad_switch_value_is_a_400_invalid_request_and_changes_nothing(String body) {
        http.postJson("/sandbox/alipay/faults", "{\"repeat\": 1}");

        ControlHttp.Answer answer = http.postJson("/sandbox/alipay/faults", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("invalid_request");
        assertThat(http.get("/sandbox/alipay/faults").json().path("repeat").intValue()).isEqualTo(1);
        assertThat(http.get("/sandbox/alipay/faults").json().path("declineRate").doubleValue()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"repeat\": 1, \"repeat\": 2}", "{} {}", "{\"repeat\": 1} x", ""})
    void a_body_that_is_not_one_json_document_is_a_400_malformed_json(String body) {
        ControlHttp.Answer answer = http.postJson("/sandbox/alipay/faults", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("malformed_json");
    }

    @Test
    void switch_bodies_and_queues_are_bounded() {
        String tooLong = "{\"nextTrades\": [" + "\"OK\",".repeat(4_000) + "\"OK\"]}";
        String tooMany = "{\"nextTrades\": [" + "\"OK\",".repeat(1_000) + "\"OK\"]}";

        assertThat(http.postJson("/sandbox/alipay/faults", tooLong).code()).isEqualTo("invalid_request");
        assertThat(http.postJson("/sandbox/alipay/faults", tooMany).code()).isEqualTo("invalid_request");
        assertThat(http.get("/sandbox/alipay/faults").json().path("nextTrades").isEmpty()).isTrue();
    }

    @Test
    void switches_want_json() {
        ControlHttp.Answer answer = http.post("/sandbox/alipay/faults");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.code()).isEqualTo("unsupported_media_type");
    }

    @Test
    void a_content_type_that_does_not_parse_is_a_415_not_a_500() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/sandbox/alipay/faults"))
                .header("Content-Type", "not a type").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();

        var answer = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.body()).contains("unsupported_media_type");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        ControlHttp.Answer answer = http.delete("/sandbox/alipay/trades/" + newTradeNo());

        assertThat(answer.status()).isEqualTo(405);
    }
}
