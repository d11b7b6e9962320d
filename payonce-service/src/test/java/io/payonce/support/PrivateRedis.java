package io.payonce.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A redis-server of the test's own, on a free port, that the test may stop, start again on the
 * same port, or flush: never the machine's shared Redis. Nothing is persisted, so a restart comes
 * back empty, as after a crash with persistence off. Needs Debian's redis-server on the PATH
 * (or at {@code PAYONCE_TEST_REDIS_SERVER}).
 */
public final class PrivateRedis implements AutoCloseable {

    private static final String SERVER = System.getenv().getOrDefault("PAYONCE_TEST_REDIS_SERVER", "redis-server");

    private final int port;
    private Process process;

    private PrivateRedis(int port) {
        this.port = port;
    }

    public static PrivateRedis start() {
        PrivateRedis redis = new PrivateRedis(freePort());
        redis.startAgain();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server on its port; waits until it answers PING. */
    public synchronized void startAgain() {
        try {
            process = new ProcessBuilder(List.of(SERVER, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no"))
                    .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + SERVER + " (apt-get install redis-server)", e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "+PONG".equals(command("PING")));
    }

    /** Stops the server the hard way (SIGKILL), as a crash or a cut cable would; waits until the port is closed. */
    public synchronized void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> command("PING") == null);
    }

    /** Deletes every key (FLUSHALL). */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    /** How many keys start with {@code prefix} (KEYS; fine for a test's own small Redis). */
    public int countKeys(String prefix) {
        String reply = command("KEYS " + prefix + "*");
        return reply == null ? -1 : Integer.parseInt(reply.substring(1));
    }

    /** Sends one inline command; answers the first line of the reply, or null when nobody answers. */
    private String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = socket.getInputStream().read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
