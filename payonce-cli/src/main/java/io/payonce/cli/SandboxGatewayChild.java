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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.payonce.gateway.keys.SandboxKeys;

/**
 * A sandbox gateway started as a child process of this one ({@code java -jar <this payonce.jar>
 * gateway --exit-with-parent ...}): started, waited for until it is healthy and has written
 * payonce's settings for it, and stopped with its parent. The child also exits by itself when its
 * parent is gone, so a {@code kill -9} of the parent leaves nothing running.
 */
public final class SandboxGatewayChild implements AutoCloseable {

    /** A cold start runs initdb and Flyway on 2 busy cores: minutes at worst, never forever. */
    private static final Duration START_WAIT = Duration.ofMinutes(3);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    /** The gateway's heap: its books live in PostgreSQL, so a small heap serves a bench's storm. */
    private static final String HEAP = "-Xmx256m";
    /** Enough of a failed start's log to show its cause, short enough for a terminal. */
    private static final int LOG_TAIL_LINES = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private SandboxGatewayChild(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts the gateway on a free port with its data in {@code dataDir} (a throwaway database
     * when {@code ephemeral}) and waits until it serves; its output goes to {@code gateway.log} there.
     */
    public static SandboxGatewayChild start(Path dataDir, boolean ephemeral) {
        try {
            Files.createDirectories(dataDir);
            int port = freePort();
            Path log = dataDir.resolve("gateway.log");
            List<String> command = new ArrayList<>(javaCommand());
            command.addAll(List.of("gateway", "--port", Integer.toString(port), "--data", dataDir.toString(), "--exit-with-parent"));
            if (ephemeral) {
                command.add("--ephemeral");
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            SandboxGatewayChild child = new SandboxGatewayChild(process, port, dataDir, log);
            child.awaitReady();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the sandbox gateway", e);
        }
    }

    /** The gateway's base URL. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** payonce's settings for this gateway, for {@code --spring.config.import=file:...}. */
    public Path merchantProperties() {
        return dataDir.resolve("keys").resolve(SandboxKeys.MERCHANT_PROPERTIES);
    }

    public Path log() {
        return log;
    }

    public Process process() {
        return process;
    }

    /** SIGTERM (a graceful stop that closes its database), then SIGKILL if it hangs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * This JVM again, with its class path: {@code java -jar payonce.jar} when it was started from
     * the executable jar, the same main class on the same class path otherwise (tests, an IDE).
     */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String launched = System.getProperty("sun.java.command", "").split(" ")[0];
        if (launched.endsWith(".jar")) {
            return List.of(java, HEAP, "-jar", launched);
        }
        return List.of(java, HEAP, "-cp", System.getProperty("java.class.path"), PayonceCommand.class.getName());
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_WAIT);
        while (!(healthy() && merchantPropertiesNamePort())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The sandbox gateway exited with " + process.exitValue() + " before it served; the end of "
                        + log + ":\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("The sandbox gateway did not serve within " + START_WAIT.toMinutes() + " min; see " + log);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** The last lines of the child's log: where it says why it stopped. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/sandbox/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the sandbox gateway", e);
        }
    }

    /** The file is rewritten at every start: one from an earlier run names another port. */
    private boolean merchantPropertiesNamePort() {
        try {
            Path file = merchantProperties();
            return Files.exists(file) && Files.readString(file).contains(url() + "/");
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the sandbox gateway", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
