package io.payonce.web.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attack of issue 17 from one client address: {@code slots} connections, each sending the head
 * of a {@code POST /v1/orders} that announces 60,000 bytes and then one byte of body, or (every
 * other slot) a request head trickled one byte a second that never ends; each slot reconnects a
 * second after the server cuts it off. Sends only to 127.0.0.1 on the given port, and stops by
 * itself after {@code lifetime} if the test never closes it.
 */
final class SlowAttacker implements AutoCloseable {

    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final InetAddress from;
    private final int port;
    private final String buyerAuthorization;
    private final long endNanos;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean stopped;

    private SlowAttacker(InetAddress from, int port, String buyerAuthorization, Duration lifetime) {
        this.from = from;
        this.port = port;
        this.buyerAuthorization = buyerAuthorization;
        this.endNanos = System.nanoTime() + lifetime.toNanos();
    }

    static SlowAttacker start(InetAddress from, int port, int slots, String buyerAuthorization, Duration lifetime) {
        SlowAttacker attacker = new SlowAttacker(from, port, buyerAuthorization, lifetime);
        for (int slot = 0; slot < slots; slot++) {
            boolean trickleHead = slot % 2 == 1;
            attacker.threads.submit(() -> attacker.holdSlot(trickleHead));
        }
        return attacker;
    }

    /** Connections the server accepted and has not yet cut off. */
    int held() {
        return held.get();
    }

    private boolean running() {
        return !stopped && System.nanoTime() - endNanos < 0;
    }

    private void holdSlot(boolean trickleHead) {
        while (running()) {
            Socket socket = new Socket();
            open.add(socket);
            try (socket) {
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                socket.setSoTimeout(1_000);
                if (trickleHead) {
                    trickleHead(socket);
                } else {
                    stallBody(socket);
                }
            } catch (IOException | RuntimeException e) {
                // Refused, reset or cut off: exactly what the server should do to this client.
            } finally {
                open.remove(socket);
            }
            pause(RECONNECT_AFTER);
        }
    }

    /**
     * The request announced 100,000 bytes; payonce now refuses that at once (413, over the
     * 64 KB limit of an order), so this one announces 60,000 to reach the body read it means to stall.
     */
    private void stallBody(Socket socket) throws IOException {
        String head = "POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: slow-" + System.nanoTime() + "\r\nAuthorization: " + buyerAuthorization
                + "\r\nContent-Length: 60000\r\n\r\n{";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        holdUntilCut(socket, null);
    }

    private void trickleHead(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        holdUntilCut(socket, out);
    }

    /** Reads until the server closes; a trickler sends one more byte of its endless header each second. */
    private void holdUntilCut(Socket socket, OutputStream trickle) throws IOException {
        InputStream in = socket.getInputStream();
        held.incrementAndGet();
        try {
            while (running()) {
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

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
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
