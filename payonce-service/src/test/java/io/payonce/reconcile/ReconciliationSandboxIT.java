package io.payonce.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannels;
import io.payonce.gateway.SandboxGatewayApplication;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.payments.Reconciliation;
import io.payonce.payments.Settlement;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import io.payonce.support.Shop;
import io.payonce.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * End to end: payonce's {@code AlipayChannel} downloads the day's bill from the sandbox gateway
 * running as its own application over HTTP, through Alipay's SDK
 * ({@code alipay.data.dataservice.bill.downloadurl.query}, then the file), and reconciliation finds
 * what the sandbox can make disagree: a payment whose notification never arrived, a refund whose
 * answer was lost (the gateway's TIMEOUT fault), and a trade payonce never opened. Repair settles
 * the first two through the normal path; a second run finds only the third.
 */
@IntegrationTest
@Import(ReconciliationSandboxIT.FrozenClock.class)
@DirtiesContext
class ReconciliationSandboxIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext gateway;
    private static String gatewayBase;

    /** Time stands still in payonce, so the janitor never finds the seeded payment old enough to ask about. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FrozenClock {
        @Bean
        @Primary
        MutableClock frozenClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @DynamicPropertySource
    static void alipayAtTheSandbox(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("reconciliation-sandbox-it-");
        gateway = SandboxGatewayApplication.application().run("--server.port=0", "--payonce.gateway.db.url=" + TestDatabase.createDatabase(),
                "--payonce.gateway.db.username=" + TestDatabase.user(), "--payonce.gateway.db.password=",
                "--payonce.gateway.db.pool-size=4", "--payonce.gateway.data-dir=" + data, "--payonce.gateway.lost-answer-hold=3s",
                "--payonce.gateway.notify-retry-delays=1h");
        gatewayBase = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
        Properties merchant = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve("keys").resolve(SandboxKeys.MERCHANT_PROPERTIES))) {
            merchant.load(in);
        }
        merchant.forEach((name, value) -> registry.add((String) name, () -> value));
        registry.add("payonce.sim.enabled", () -> "false");
        registry.add("payonce.channels.alipay.enabled", () -> "true");
        // Nothing listens there: every notification is lost, and payonce hears of a payment only by asking.
        registry.add("payonce.channels.alipay.notify-url", () -> "http://127.0.0.1:9/v1/callbacks/alipay");
        registry.add("payonce.channels.alipay.read-timeout", () -> "1s");
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Reconciliation notifications;
    @Autowired
    PaymentChannels channels;

    @Test
    void the_sandboxs_bill_through_alipays_sdk_finds_what_payonce_missed_and_repair_settles_it() {
        Api api = new Api(port);
        Shop shop = new Shop(api);
        String sku = shop.stockedSku("e2e-recon", 1500, 5);
        String clean = payAtTheGateway(shop, sku);
        assertThat(notifications.reconcile("alipay", clean).outcome()).isEqualTo(Settlement.Outcome.APPLIED);
        String unsettled = payAtTheGateway(shop, sku);
        String refunded = payAtTheGateway(shop, sku);
        assertThat(notifications.reconcile("alipay", refunded).outcome()).isEqualTo(Settlement.Outcome.APPLIED);
        assertThat(control("/sandbox/alipay/faults", "{\"nextRefunds\":[\"TIMEOUT\"]}")).isEqualTo(200);
        Api.Answer lost = shop.refund(orderOf(refunded), 500, UUID.randomUUID().toString());
        assertThat(lost.status()).as(lost.body()).isEqualTo(503);
        String pendingRefund = jdbc.sql("SELECT id FROM refunds WHERE payment_id = :p").param("p", refunded).query(String.class).single();
        PaymentChannel alipay = channels.find("alipay").orElseThrow();
        String foreign = "pay_foreign_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alipay.createTrade(new PaymentChannel.TradeRequest(foreign, "ord_elsewhere", 700, "CNY", "not payonce's")))
                .isInstanceOf(PaymentChannel.TradeOutcome.Created.class);
        assertThat(control("/sandbox/alipay/trades/" + foreign + "/pay", null)).isEqualTo(200);

        JsonNode found = reconcile(api, false);

        assertThat(found.get("billPayments").asLong()).isEqualTo(4);
        assertThat(found.get("billRefunds").asLong()).isEqualTo(1);
        assertThat(mismatches(found)).containsExactlyInAnyOrder(
                "missing_in_payonce payment " + unsettled + " repairable",
                "missing_in_payonce refund " + pendingRefund + " repairable",
                "missing_in_payonce payment " + foreign + " not_safe");

        JsonNode repaired = reconcile(api, true);
        JsonNode again = reconcile(api, true);

        assertThat(repaired.get("repaired").asInt()).isEqualTo(2);
        assertThat(status("payments", unsettled)).isEqualTo("SUCCEEDED");
        assertThat(status("refunds", pendingRefund)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("SELECT status || ' ' || refunded_amount FROM orders WHERE id = :id").param("id", orderOf(refunded))
                .query(String.class).single()).isEqualTo("PARTIALLY_REFUNDED 500");
        assertThat(mismatches(again)).containsExactly("missing_in_payonce payment " + foreign + " not_safe");
        assertThat(again.get("repaired").asInt()).isZero();
    }

    private String payAtTheGateway(Shop shop, String sku) {
        String order = shop.placeOrder(sku, 1);
        Api.Answer paid = shop.api().postIdempotent("/v1/orders/" + order + "/payments", "{\"channel\":\"alipay\"}",
                UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        String payment = paid.json().get("paymentId").asString();
        assertThat(control("/sandbox/alipay/trades/" + payment + "/pay", null)).isEqualTo(200);
        return payment;
    }

    private JsonNode reconcile(Api api, boolean repair) {
        LocalDate today = LocalDate.now(clock.withZone(DailyReconciliation.GATEWAY_ZONE));
        Api.Answer answer = api.admin("/v1/admin/reconciliations",
                "{\"channel\":\"alipay\",\"date\":\"" + today + "\",\"repair\":" + repair + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> mismatches(JsonNode report) {
        List<String> lines = new ArrayList<>();
        for (JsonNode mismatch : report.get("mismatches")) {
            String what = mismatch.get("what").asString();
            String id = what.equals("refund") ? mismatch.get("refundId").asString() : mismatch.get("paymentId").asString();
            lines.add(mismatch.get("kind").asString() + " " + what + " " + id + " " + mismatch.get("repair").asString());
        }
        return lines;
    }

    private String orderOf(String payment) {
        return jdbc.sql("SELECT order_id FROM payments WHERE id = :id").param("id", payment).query(String.class).single();
    }

    private String status(String table, String id) {
        return jdbc.sql("SELECT status FROM " + table + " WHERE id = :id").param("id", id).query(String.class).single();
    }

    private static int control(String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayBase + path));
            request = json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
