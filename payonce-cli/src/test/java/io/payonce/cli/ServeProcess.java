package io.payonce.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.payonce.bench.target.Database;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code payonce serve} as a user runs it: a JVM of its own started through the CLI's entry point
 * ({@link PayonceCommand}, the main class of payonce.jar), on the embedded database in a data
 * folder, with no database URL and no key configured. Tests stop it with SIGTERM or SIGKILL.
 */
final class ServeProcess {

    static final String ADMIN_TOKEN = "durability-admin-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final Path log;

    private ServeProcess(Process process, Path dataDir, int port, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code payonce serve} on {@code dataDir} and waits until it answers its health check. */
    static ServeProcess start(Path dataDir, Map<String, String> env, String... serveOptions) throws IOException {
        ServeProcess serve = launch(dataDir, env, serveOptions);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!serve.process.isAlive()) {
                        throw new IllegalStateException("payonce serve exited with " + serve.process.exitValue() + ":\n" + serve.log());
                    }
                    return serve.healthy();
                });
        return serve;
    }

    /**
     * For every JVM a test starts (serve and the gateway serve starts beside itself, through the
     * environment they inherit): C1 only and one GC thread. These tests measure nothing, and on 2
     * cores a cold payonce starts faster without C2 compiling in the background.
     */
    static final String TEST_CHILD_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** Starts {@code payonce serve} without waiting for anything. */
    static ServeProcess launch(Path dataDir, Map<String, String> env, String... serveOptions) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("payonce-serve-", ".log");
        log.toFile().deleteOnExit();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                PayonceCommand.class.getName(), "serve", "--port", Integer.toString(port),
                // Any free port for serve's sandbox gateway: 9090 may be taken by a payonce someone runs here.
                "--gateway-port", "0"));
        command.addAll(List.of(serveOptions));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYONCE_"));
        builder.environment().put("JAVA_TOOL_OPTIONS", TEST_CHILD_JVM_OPTIONS);
        builder.environment().put("PAYONCE_DATA_DIR", dataDir.toString());
        builder.environment().put("PAYONCE_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("PAYONCE_RATE_LIMIT_PER_SECOND", "0");
        // A free management port of its own: 8081 may be taken by a payonce someone runs here.
        builder.environment().put("PAYONCE_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().putAll(env);
        return new ServeProcess(builder.start(), dataDir, port, log);
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as a service manager stops it; returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** The PostgreSQL this service started, by the pid in its postmaster.pid. */
    ProcessHandle postmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** The embedded database as the README's backup section reaches it: port from postmaster.pid, user postgres. */
    Database database() throws IOException {
        String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
    }

    boolean healthy() {
        try {
            return get("/actuator/health").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The shop's own backend calls with the root credential: every scope, orders included. */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET());
    }

    Answer post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    Answer admin(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The buyer pays a payment's alipay trade on the sandbox gateway serve started beside the service. */
    Answer buyerPays(String paymentId) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/sandbox/alipay/trades/" + paymentId + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The child gateway's URL, as its merchant.properties hands it to the service. */
    String gatewayUrl() throws IOException {
        java.util.Properties merchant = new java.util.Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("sandbox-gateway/keys/merchant.properties"))) {
            merchant.load(in);
        }
        return merchant.getProperty("payonce.channels.wechat.base-url");
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
