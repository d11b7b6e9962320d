package io.payonce.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Leases;
import io.payonce.support.SandboxGatewayServer;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The crash is real here: a second payonce JVM on the same database is halted between two steps
 * of a request (after the gateway opened the trade, before payonce recorded it), and this
 * instance completes the request when the client retries with the same key.
 */
@IntegrationTest
class JvmKillIT {

    @LocalServerPort
    int port;
    @Value("${payonce.db.url}")
    String dbUrl;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_payment_whose_jvm_was_killed_after_the_gateway_opened_the_trade_is_completed_by_another_instance() throws Exception {
        Shop shop = new Shop(new Api(port));
        String sku = shop.stockedSku("kill", 700, 1);
        String orderId = shop.placeOrder(sku, 1);
        String key = UUID.randomUUID().toString();
        int childPort = freePort();
        Process child = startCrashingInstance(childPort, "after_create_trade");
        try {
            Api childApi = new Api(childPort);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> healthy(childApi));

            assertThat(reachedNoAnswer(() -> shop.at(childApi).pay(orderId, key))).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(CrashingPayonce.CRASH_STATUS);
        } finally {
            child.destroyForcibly();
        }
        List<String> killedPayments = jdbc.sql("SELECT id FROM payments WHERE order_id = ?").param(orderId).query(String.class).list();
        assertThat(killedPayments).hasSize(1);
        assertThat(shop.gateway().trade("alipay", killedPayments.getFirst()).status())
                .as("the gateway opened the trade before the kill").isEqualTo(200);

        assertThat(shop.pay(orderId, key).code()).isEqualTo("idempotency_key_in_use");
        // The dead JVM's lease runs out on the database's clock, whichever instance asks.
        Leases.runOut(transactions, jdbc, key);
        Api.Answer resumed = shop.pay(orderId, key);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        String paymentId = resumed.json().get("paymentId").asString();
        assertThat(jdbc.sql("SELECT id FROM payments WHERE order_id = ?").param(orderId).query(String.class).list())
                .containsExactly(paymentId);
        assertThat(shop.gateway().trade("alipay", paymentId).status()).isEqualTo(200);
        shop.buyerPays(paymentId);
        shop.awaitStatus(orderId, "DELIVERED");
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entries WHERE order_id = ? AND kind = 'CHARGE'")
                .param(orderId).query(Long.class).single()).isEqualTo(1);
    }

    private Process startCrashingInstance(int childPort, String crashAt) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashingPayonce.class.getName(),
                "--server.port=" + childPort,
                "--payonce.db.url=" + dbUrl,
                "--payonce.db.username=postgres",
                "--payonce.db.pool-size=4",
                "--payonce.admin.token=" + IntegrationTest.ADMIN_TOKEN,
                "--payonce.card-keys.encryption-key=" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY,
                "--payonce.rate-limit.per-second=0",
                "--spring.main.banner-mode=off"));
        // The child pays through the same sandbox gateway as this JVM's contexts.
        SandboxGatewayServer.get().serviceSettings().forEach((name, value) -> command.add("--" + name + "=" + value));
        // Instances behind one shop share its public notify URL: the trade the child opens notifies
        // the instance that survives it, as a load balancer in front of both would.
        command.add("--payonce.channels.alipay.notify-url=http://127.0.0.1:" + port + "/v1/callbacks/alipay");
        Path log = Files.createTempFile("payonce-crashing-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PAYONCE_CRASH_AT", crashAt);
        builder.environment().remove("PAYONCE_REDIS_URL");
        return builder.start();
    }

    private static boolean healthy(Api api) {
        try {
            return api.get("/actuator/health").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** True when the request got no HTTP answer at all: the process died under it. */
    private static boolean reachedNoAnswer(Runnable request) {
        try {
            request.run();
            return false;
        } catch (UncheckedIOException e) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
