package io.payonce.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.SecondPayonce;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17's attack, scaled to this machine: one client address (127.0.0.2) keeps {@value #ATTACK_SLOTS}
 * connections trying to stay open on the public port (more than the whole port's connection limit),
 * half of them stalling a body, half trickling a head. Meanwhile health on the management port must
 * answer within 1 s and a buyer (127.0.0.1) must create an order within the read timeout plus 2 s.
 * Those are the protection's own deadlines, asserted as HTTP client timeouts, not speed figures:
 * an unattacked health answer takes a few milliseconds and an order a few dozen, so both leave a
 * margin of more than 10 times for a machine busy with builds. Every attack packet goes to
 * 127.0.0.1 on ports this test started, and the attacker stops itself after {@link #ATTACK_LIFETIME}.
 */
@IntegrationTest
class SlowClientsIT {

    static final int ATTACK_SLOTS = 1_100;
    static final Duration ATTACK_LIFETIME = Duration.ofSeconds(60);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    static final Duration HEALTH_DEADLINE = Duration.ofSeconds(1);
    static final Duration BUYER_DEADLINE = READ_TIMEOUT.plusSeconds(2);
    static final InetAddress ATTACKER = address("127.0.0.2");

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    @Test
    void one_slow_client_cannot_take_the_bare_service_down() throws Exception {
        try (SecondPayonce payonce = SecondPayonce.start(environment, "--payonce.connections.read-timeout=" + READ_TIMEOUT.toSeconds() + "s")) {
            withAttack(payonce, payonce.port());
        }
    }

    @Test
    void one_slow_client_cannot_take_the_service_down_through_the_nginx_configuration() throws Exception {
        try (SecondPayonce payonce = SecondPayonce.start(environment, "--payonce.connections.read-timeout=" + READ_TIMEOUT.toSeconds() + "s",
                "--payonce.connections.exempt=127.0.0.1");
             Nginx nginx = Nginx.start(payonce.port())) {
            withAttack(payonce, nginx.port());
        }
    }

    @Test
    void a_body_that_stops_after_one_byte_is_answered_408_within_the_deadline_and_changes_nothing() throws Exception {
        Shop shop = new Shop(new Api(port));
        String sku = shop.stockedSku("slow-body", 1999, 1);
        String buyer = shop.buyerAuthorization();
        Map<String, Long> before = RowCounts.of(jdbc);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            // Tomcat's between-bytes timeout plus the deadline check: at most twice the read timeout, plus a margin.
            socket.setSoTimeout((int) READ_TIMEOUT.multipliedBy(2).plusSeconds(5).toMillis());
            String head = "POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: slow-body\r\n"
                    + "Authorization: " + buyer + "\r\nContent-Length: 60000\r\n\r\n{\"sku\":\"" + sku + "\"";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"").containsIgnoringCase("connection: close");
        }
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    private void withAttack(SecondPayonce payonce, int publicPort) throws Exception {
        Shop shop = new Shop(new Api(payonce.port()));
        String sku = shop.stockedSku("slow", 1999, 10);
        String attackerSession = new Shop(new Api(payonce.port())).buyerAuthorization();
        Map<String, Long> before = RowCounts.of(jdbc);

        String during;
        try (SlowAttacker attacker = SlowAttacker.start(ATTACKER, publicPort, ATTACK_SLOTS, attackerSession, ATTACK_LIFETIME)) {
            Awaitility.await("the attacker holds connections").atMost(Duration.ofSeconds(20)).until(() -> attacker.held() > 0);
            // Through two rounds of the read timeout, so cut-off attackers are back when the buyer comes.
            for (int round = 0; round < 4; round++) {
                Thread.sleep(READ_TIMEOUT.dividedBy(2));
                assertHealthy(payonce.managementPort());
            }
            during = buyerOrders(publicPort, sku);
            assertHealthy(payonce.managementPort());
            assertThat(attacker.held()).as("the attacker is still at it").isPositive();
        }
        // At once after the attacker stops: no waiting, the same deadlines.
        assertHealthy(payonce.managementPort());
        String after = buyerOrders(publicPort, sku);

        String metrics = get(payonce.managementPort(), "/actuator/prometheus", HEALTH_DEADLINE.multipliedBy(5)).body();
        if (publicPort == payonce.port()) {
            assertThat(counter(metrics, "payonce_connections_refused_total{reason=\"client_limit\"}")).isPositive();
            assertThat(counter(metrics, "payonce_connections_timed_out_total{phase=\"head\"}")).isPositive();
            assertThat(counter(metrics, "payonce_connections_timed_out_total{phase=\"body\"}")).isPositive();
        } else {
            // nginx read every head and body itself: payonce never waited for a slow one.
            assertThat(counter(metrics, "payonce_connections_timed_out_total{phase=\"body\"}")).isZero();
            assertThat(counter(metrics, "payonce_connections_timed_out_total{phase=\"head\"}")).isZero();
        }
        assertOnlyTheBuyersOrdersChangedAnything(before, sku, during, after);
    }

    private void assertHealthy(int managementPort) {
        HttpResponse<String> health = get(managementPort, "/actuator/health", HEALTH_DEADLINE);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    /** A new buyer on a new connection: a buyer session, then an order; each within the deadline. */
    private static String buyerOrders(int port, String sku) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> session = send(client, HttpRequest.newBuilder(uri(port, "/v1/buyer-sessions"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
            String token = Api.parse(session.body()).get("buyerToken").asString();
            HttpResponse<String> order = send(client, HttpRequest.newBuilder(uri(port, "/v1/orders"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"quantity\":1}")));
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            JsonNode created = Api.parse(order.body());
            return created.get("orderId").asString();
        }
    }

    private void assertOnlyTheBuyersOrdersChangedAnything(Map<String, Long> before, String sku, String... orderIds) {
        Map<String, Long> expected = new HashMap<>(before);
        for (String table : new String[] {"orders", "order_tokens", "buyer_sessions", "idempotency_keys"}) {
            expected.merge(table, (long) orderIds.length, Long::sum);
        }
        expected.merge("card_keys.AVAILABLE", (long) -orderIds.length, Long::sum);
        expected.merge("card_keys.RESERVED", (long) orderIds.length, Long::sum);
        expected.values().removeIf(count -> count == 0);
        Map<String, Long> after = new HashMap<>(RowCounts.of(jdbc));
        after.values().removeIf(count -> count == 0);
        assertThat(after).isEqualTo(expected);
        for (String orderId : orderIds) {
            assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE order_id = ? AND status = 'RESERVED'").param(orderId)
                    .query(Long.class).single()).as("keys reserved for %s", orderId).isEqualTo(1L);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE sku = ?").param(sku)
                .query(Long.class).single()).as("orders of the sku: the buyer's, none of the attacker's").isEqualTo((long) orderIds.length);
    }

    private static long counter(String prometheus, String series) {
        return prometheus.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> (long) Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in the metrics"));
    }

    private static HttpResponse<String> get(int port, String path, Duration deadline) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(HttpRequest.newBuilder(uri(port, path)).timeout(deadline).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on " + port + " did not answer within " + deadline, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(BUYER_DEADLINE).build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " did not answer within " + BUYER_DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Debian's nginx as its own process on a free port, with deploy/nginx/payonce.conf as written
     * (only its listen port and upstream port replaced) in a configuration of a temporary folder.
     * .ci/run installs nginx; a machine without it fails here rather than skipping the test.
     */
    record Nginx(Process process, int port, Path dir) implements AutoCloseable {

        static final Path BINARY = Path.of("/usr/sbin/nginx");

        static Nginx start(int upstreamPort) throws Exception {
            assertThat(BINARY).as("nginx is needed (apt-get install nginx; .ci/run installs it)").isExecutable();
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Path dir = Files.createTempDirectory("payonce-nginx");
            String site = Files.readString(deployConfig())
                    .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                    .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + upstreamPort + ";");
            assertThat(site).contains("listen 127.0.0.1:" + port).contains("server 127.0.0.1:" + upstreamPort);
            Files.writeString(dir.resolve("payonce.conf"), site);
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 4096; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        include %1$s/payonce.conf;
                    }
                    """.formatted(dir));
            // Workers of a root nginx run as nobody and write request bodies into these folders.
            dir.toFile().setWritable(true, false);
            dir.toFile().setExecutable(true, false);
            Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Nginx nginx = new Nginx(process, port, dir);
            try {
                Awaitility.await("nginx answers").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                        .until(() -> get(port, "/actuator/health", Duration.ofSeconds(2)).statusCode() == 200);
            } catch (RuntimeException e) {
                nginx.close();
                throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("stdout.log"))
                        + readIfThere(dir.resolve("error.log")), e);
            }
            return nginx;
        }

        private static Path deployConfig() {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path config = dir.resolve("deploy/nginx/payonce.conf");
                if (Files.isRegularFile(config)) {
                    return config;
                }
            }
            throw new AssertionError("deploy/nginx/payonce.conf not found above " + Path.of("").toAbsolutePath());
        }

        private static String readIfThere(Path file) throws IOException {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
