package io.payonce.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's receiver on 127.0.0.1: its port is reserved from the start but nobody listens until
 * {@link #start()} (every connection is refused meanwhile, as for a receiver that is down); then it
 * answers {@code failuresFirst} requests with 500 and every later one with 200, keeping each.
 */
final class TestReceiver implements AutoCloseable {

    /** One request as the receiver saw it. */
    record Received(String eventId, String eventType, String signature, String body) {
    }

    private final int port;
    private final AtomicInteger failuresLeft;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    TestReceiver(int failuresFirst) {
        this.port = freePort();
        this.failuresLeft = new AtomicInteger(failuresFirst);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/payonce/events";
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/payonce/events", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("Payonce-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Payonce-Event-Type"),
                    exchange.getRequestHeaders().getFirst("Payonce-Signature"), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            byte[] answer = (status == 200 ? "ok" : "receiver broken").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
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
