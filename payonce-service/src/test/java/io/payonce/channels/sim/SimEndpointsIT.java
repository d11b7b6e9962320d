package io.payonce.channels.sim;

import static io.payonce.channels.sim.SimTradesIT.newPaymentId;
import static io.payonce.channels.sim.SimTradesIT.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeRequest;
import io.payonce.channels.Rsa2Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

@SimIntegrationTest
class SimEndpointsIT extends SimulatorTestBase {

    private String open(long amount) {
        String paymentId = newPaymentId();
        assertThat(alipay.createTrade(request(paymentId, amount))).isInstanceOf(TradeOutcome.Created.class);
        return paymentId;
    }

    @Test
    void succeed_answers_the_paid_trade_then_a_notification_verifiable_with_the_published_key_follows()
            throws GeneralSecurityException {
        String paymentId = open(1999);

        SimHttp.Answer answer = http.post("/sim/alipay/payments/" + paymentId + "/succeed");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> !recorder.of(paymentId).isEmpty());
        var publicKey = Rsa2Signatures.publicKeyFromPem(http.get("/sim/alipay/public-key").body());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode trade = answer.json();
        assertThat(trade.path("paymentId").stringValue()).isEqualTo(paymentId);
        assertThat(trade.path("status").stringValue()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.path("amount").longValue()).isEqualTo(1999);
        assertThat(trade.path("tradeNo").stringValue()).matches("\\d{28}");
        assertThat(trade.has("paidAt")).isTrue();
        assertThat(Rsa2Signatures.verify(recorder.of(paymentId).getFirst().form(), publicKey)).isTrue();
    }

    @Test
    void succeeding_twice_is_harmless_and_sends_one_notification() {
        String paymentId = open(100);

        assertThat(http.post("/sim/alipay/payments/" + paymentId + "/succeed").status()).isEqualTo(200);
        assertThat(http.post("/sim/alipay/payments/" + paymentId + "/succeed").status()).isEqualTo(200);
        assertThat(http.get("/sim/alipay/payments/" + paymentId).json().path("notifications").size()).isEqualTo(1);
    }

    @Test
    void a_trade_final_the_other_way_answers_409_trade_not_open() {
        String paid = open(100);
        String closed = open(100);
        http.post("/sim/alipay/payments/" + paid + "/succeed");
        http.post("/sim/alipay/payments/" + closed + "/fail");

        SimHttp.Answer failPaid = http.post("/sim/alipay/payments/" + paid + "/fail");
        SimHttp.Answer payClosed = http.post("/sim/alipay/payments/" + closed + "/succeed");

        for (SimHttp.Answer answer : List.of(failPaid, payClosed)) {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("trade_not_open");
        }
    }

    @Test
    void unknown_channels_and_trades_answer_404_problems() {
        SimHttp.Answer noChannel = http.post("/sim/paypal/payments/" + newPaymentId() + "/succeed");
        SimHttp.Answer noTrade = http.post("/sim/alipay/payments/" + newPaymentId() + "/succeed");
        SimHttp.Answer noTradeToFail = http.post("/sim/wechat/payments/" + newPaymentId() + "/fail");
        SimHttp.Answer noTradeToShow = http.get("/sim/alipay/payments/" + newPaymentId());
        SimHttp.Answer noFaults = http.get("/sim/paypal/faults");

        assertThat(List.of(noChannel, noTrade, noTradeToFail, noTradeToShow, noFaults)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(noChannel.code()).isEqualTo("channel_not_found");
        assertThat(noFaults.code()).isEqualTo("channel_not_found");
        assertThat(noTrade.code()).isEqualTo("payment_not_found");
    }

    @Test
    void the_pay_page_escapes_what_the_merchant_wrote() {
        String paymentId = newPaymentId();
        alipay.createTrade(new TradeRequest(paymentId, "ord_1", 1999, "CNY", "<script>alert(1)</script>"));

        SimHttp.Answer page = http.get("/sim/alipay/pay/" + paymentId);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("&lt;script&gt;").doesNotContain("<script>").contains("19.99")
                .contains("action=\"/sim/alipay/payments/" + paymentId + "/succeed\"");
    }

    @Test
    void posted_switches_show_in_get_queues_append_and_delete_resets_them() {
        http.postJson("/sim/alipay/faults", "{\"nextTrades\": [\"DECLINE\"], \"delayMs\": 100, \"repeat\": 1, \"declineRate\": 0.1}");
        SimHttp.Answer second = http.postJson("/sim/alipay/faults", "{\"nextTrades\": [\"TIMEOUT\"], \"reorder\": true, \"seed\": 3}");
        JsonNode shown = http.get("/sim/alipay/faults").json();
        JsonNode reset = http.delete("/sim/alipay/faults").json();

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
        http.postJson("/sim/alipay/faults", "{\"repeat\": 1}");

        SimHttp.Answer answer = http.postJson("/sim/alipay/faults", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("invalid_request");
        assertThat(http.get("/sim/alipay/faults").json().path("repeat").intValue()).isEqualTo(1);
        assertThat(http.get("/sim/alipay/faults").json().path("declineRate").doubleValue()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"repeat\": 1, \"repeat\": 2}", "{} {}", "{\"repeat\": 1} x", ""})
    void a_body_that_is_not_one_json_document_is_a_400_malformed_json(String body) {
        SimHttp.Answer answer = http.postJson("/sim/alipay/faults", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("malformed_json");
    }

    @Test
    void switch_bodies_and_queues_are_bounded() {
        String tooLong = "{\"nextTrades\": [" + "\"OK\",".repeat(4_000) + "\"OK\"]}";
        String tooMany = "{\"nextTrades\": [" + "\"OK\",".repeat(1_000) + "\"OK\"]}";

        assertThat(http.postJson("/sim/alipay/faults", tooLong).status()).isEqualTo(400);
        assertThat(http.postJson("/sim/alipay/faults", tooMany).status()).isEqualTo(400);
        assertThat(http.get("/sim/alipay/faults").json().path("nextTrades").isEmpty()).isTrue();
    }

    @Test
    void switches_want_json() {
        SimHttp.Answer answer = http.post("/sim/alipay/faults");

        assertThat(answer.status()).isEqualTo(415);
    }
}
