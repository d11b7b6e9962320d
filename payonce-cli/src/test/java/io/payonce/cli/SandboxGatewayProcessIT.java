package io.payonce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
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
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox gateway as a process of its own: {@code payonce gateway} keeps its database and keys
 * in its folder across a {@code kill -9}, and {@code payonce serve} in sandbox mode starts one as
 * its child, hands the service its settings, and takes it down with it, even when killed.
 */
class SandboxGatewayProcessIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern GATEWAY_URL = Pattern.compile("the sandbox gateway on (http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir
    Path dataDir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void a_gateway_killed_with_kill_9_starts_again_on_its_folder_with_the_same_keys_and_a_rewritten_merchant_properties()
            throws Exception {
        Path folder = dataDir.resolve("gw");
        int firstPort = freePort();
        Process first = gateway(folder, firstPort);
        awaitHealthy(first, firstPort);
        String alipayKey = Files.readString(folder.resolve("keys/alipay-public.pem"));
        assertThat(merchant(folder).getProperty("payonce.channels.alipay.gateway-url"))
                .isEqualTo("http://127.0.0.1:" + firstPort + "/alipay/gateway.do");
        assertThat(folder.resolve("db/postmaster.pid")).exists();

        first.destroyForcibly().waitFor();
        int secondPort = freePort();
        Process second = gateway(folder, secondPort);
        awaitHealthy(second, secondPort);

        assertThat(Files.readString(folder.resolve("keys/alipay-public.pem"))).isEqualTo(alipayKey);
        assertThat(merchant(folder).getProperty("payonce.channels.wechat.base-url")).isEqualTo("http://127.0.0.1:" + secondPort);
        assertThat(get(secondPort, "/sandbox/alipay/faults").statusCode()).isEqualTo(200);
    }

    @Test
    void serve_in_sandbox_mode_runs_a_gateway_child_beside_the_service_and_a_kill_9_of_serve_leaves_nothing_behind()
            throws Exception {
        ServeProcess serve = ServeProcess.start(dataDir, Map.of());
        started.add(serve.process());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> GATEWAY_URL.matcher(serve.log()).find());
        Matcher url = GATEWAY_URL.matcher(serve.log());
        assertThat(url.find()).isTrue();
        int gatewayPort = Integer.parseInt(url.group(2));
        ProcessHandle child = gatewayChild(serve).orElseThrow();
        Path gatewayFolder = dataDir.resolve(GatewayCommand.DATA_SUBFOLDER);
        ProcessHandle gatewayPostgres = postmaster(gatewayFolder.resolve("db"));

        assertThat(get(gatewayPort, "/sandbox/health").statusCode()).isEqualTo(200);
        assertThat(merchant(gatewayFolder).getProperty("payonce.channels.alipay.gateway-url"))
                .isEqualTo(url.group(1) + "/alipay/gateway.do");
        assertThat(serve.healthy()).isTrue();

        serve.process().toHandle().destroyForcibly();
        serve.process().waitFor();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !gatewayPostgres.isAlive());
    }

    @Test
    void serve_stopped_with_sigterm_stops_its_gateway_and_no_gateway_starts_when_one_is_configured_or_refused() throws Exception {
        ServeProcess serve = ServeProcess.start(dataDir, Map.of());
        started.add(serve.process());
        ProcessHandle child = gatewayChild(serve).orElseThrow();

        assertThat(serve.terminate()).isIn(0, 143);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive());

        ServeProcess configured = ServeProcess.start(dataDir, Map.of("PAYONCE_CHANNELS_ALIPAY_GATEWAY_URL",
                "https://openapi-sandbox.dl.alipaydev.com/gateway.do"));
        started.add(configured.process());
        ServeProcess refused = ServeProcess.start(dataDir.resolve("other"), Map.of(), "--no-gateway");
        started.add(refused.process());

        assertThat(gatewayChild(configured)).isEmpty();
        assertThat(gatewayChild(refused)).isEmpty();
        assertThat(configured.log()).doesNotContain("sandbox gateway on");
    }

    /** The JVM serve started beside itself (its other child is the PostgreSQL watchdog, a shell). */
    private static java.util.Optional<ProcessHandle> gatewayChild(ServeProcess serve) {
        return serve.process().children().filter(process -> process.info().command().orElse("").endsWith("java")).findFirst();
    }

    private Process gateway(Path folder, int port) throws IOException {
        Path log = Files.createTempFile(dataDir, "gateway-", ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), PayonceCommand.class.getName(),
                "gateway", "--port", Integer.toString(port), "--data", folder.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYONCE_"));
        builder.environment().put("JAVA_TOOL_OPTIONS", ServeProcess.TEST_CHILD_JVM_OPTIONS);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void awaitHealthy(Process process, int port) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("payonce gateway exited with " + process.exitValue());
            }
            try {
                return get(port, "/sandbox/health").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Properties merchant(Path gatewayFolder) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(gatewayFolder.resolve("keys/merchant.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static ProcessHandle postmaster(Path pgData) throws IOException {
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip())).orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
