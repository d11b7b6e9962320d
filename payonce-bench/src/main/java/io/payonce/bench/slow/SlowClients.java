package io.payonce.bench.slow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code payonce bench --slow-clients N}: while the scenario's load runs, one client address
 * keeps N connections trying to stay open without finishing a request (issue 17): half send the
 * head of a {@code POST /v1/orders} announcing 60,000 bytes and then one byte of body, half trickle
 * an endless request head one byte a second. Each reconnects a second after it is refused or cut
 * off. The scenario's own results are then what the real buyers got meanwhile.
 */
public final class SlowClients implements AutoCloseable {

    /** How many slow connections, and from which local address (null: the system's choice). */
    public record Plan(int connections, InetAddress from) {
        public static final Plan NONE = new Plan(0, null);

        public boolean enabled() {
            return connections > 0;
        }
    }

    /**
     * What the slow clients got: how often they connected, and how often the service cut or refused
     * them. {@code heldPeak} counts connections the kernel completed, including those the service's
     * acceptor then reset; {@code heldAtEnd} is what they still held when the load ended.
     */
    public record Report(int connections, String from, long connects, long refusedOrCut, int heldPeak, int heldAtEnd) {
    }

    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);
    private static final Pattern BUYER_TOKEN = Pattern.compile("\"buyerToken\"\\s*:\\s*\"([^\"]+)\"");

    private final Plan plan;
    private final InetSocketAddress service;
    private final String buyerAuthorization;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger heldPeak = new AtomicInteger();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong refusedOrCut = new AtomicLong();
    private volatile boolean stopped;

    private SlowClients(Plan plan, InetSocketAddress service, String buyerAuthorization) {
        this.plan = plan;
        this.service = service;
        this.buyerAuthorization = buyerAuthorization;
    }

    /** Starts the slow clients against {@code baseUrl}; with a plan of 0 connections, does nothing. */
    public static SlowClients start(Plan plan, URI baseUrl) throws IOException, InterruptedException {
        InetSocketAddress service = new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort() > 0 ? baseUrl.getPort() : 80);
        SlowClients clients = new SlowClients(plan, service, plan.enabled() ? buyerSession(baseUrl) : null);
        for (int slot = 0; slot < plan.connections(); slot++) {
            boolean trickleHead = slot % 2 == 1;
            clients.threads.submit(() -> clients.holdSlot(trickleHead));
        }
        return clients;
    }

    /** A real buyer session, so the stalled bodies get past the credential check to the body read. */
    private static String buyerSession(URI baseUrl) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(baseUrl.resolve("/v1/buyer-sessions"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = BUYER_TOKEN.matcher(answer.body());
            if (answer.statusCode() != 201 || !token.find()) {
                throw new IllegalStateException("the slow clients could not open a buyer session: " + answer.statusCode());
            }
            return "Bearer " + token.group(1);
        }
    }

    public Report report() {
        return new Report(plan.connections(), plan.from() == null ? null : plan.from().getHostAddress(), connects.get(),
                refusedOrCut.get(), heldPeak.get(), held.get());
    }

    private void holdSlot(boolean trickleHead) {
        while (!stopped) {
            Socket socket = new Socket();
            open.add(socket);
            try (socket) {
                if (plan.from() != null) {
                    socket.bind(new InetSocketAddress(plan.from(), 0));
                }
                socket.connect(service, 2_000);
                socket.setSoTimeout(1_000);
                connects.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                out.write(trickleHead ? trickledHead() : stalledBody());
                out.flush();
                holdUntilCut(socket, trickleHead ? out : null);
            } catch (IOException | RuntimeException e) {
                // Refused, reset or cut off: what the service should do to this client.
            } finally {
                open.remove(socket);
            }
            if (!stopped) {
                refusedOrCut.incrementAndGet();
                pause();
            }
        }
    }

    private byte[] stalledBody() {
        return ("POST /v1/orders HTTP/1.1\r\nHost: " + service.getHostString() + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: slow-" + System.nanoTime() + "\r\nAuthorization: " + buyerAuthorization
                + "\r\nContent-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] trickledHead() {
        return ("POST /v1/orders HTTP/1.1\r\nHost: " + service.getHostString() + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads until the service closes; a trickler sends one more byte of its endless header each second. */
    private void holdUntilCut(Socket socket, OutputStream trickle) throws IOException {
        InputStream in = socket.getInputStream();
        heldPeak.accumulateAndGet(held.incrementAndGet(), Math::max);
        try {
            while (!stopped) {
                try {
                    if (in.read() < 0) {
                        return;
                    }
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                } catch (SocketTimeoutException stillOpen) {
                    if (trickle != null) {
                        trickle.write('a');
                        trickle.flush();
                    }
                }
            }
        } finally {
            held.decrementAndGet();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
