package io.payonce.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import redis.embedded.RedisServer;

/**
 * A Redis for tests: the machine's (127.0.0.1:6379, or PAYONCE_TEST_REDIS_HOST/PORT) when one
 * answers PING, else an embedded one started once per test JVM on a free port. Tests share it
 * with other runs, so they use keys of their own (random systemIds, say) and never flush it.
 */
public final class TestRedis {

    private static final String HOST = System.getenv().getOrDefault("PAYONCE_TEST_REDIS_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("PAYONCE_TEST_REDIS_PORT", "6379"));
    private static String url;

    private TestRedis() {
    }

    /** The redis:// URL of a running Redis, starting the embedded one if needed. */
    public static synchronized String url() {
        if (url == null) {
            url = answersPing(HOST, PORT) ? "redis://" + HOST + ":" + PORT : startEmbedded();
        }
        return url;
    }

    private static String startEmbedded() {
        try {
            int port = freePort();
            RedisServer server = new RedisServer(port);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    // The JVM is exiting; the process dies with it.
                }
            }, "embedded-redis-stop"));
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("No Redis at " + HOST + ":" + PORT + " and the embedded one did not start", e);
        }
    }

    private static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
