package io.payonce.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load balancer in front of the bench's own cluster: a TCP proxy on 127.0.0.1 that hands each
 * new connection to the next instance in turn, and to the one after it when an instance refuses
 * the connection (killed, or still starting), as nginx's {@code proxy_next_upstream error} does.
 * A connection stays with its instance, so the spread is per connection: the bench keeps a pool of
 * many, and a duplicate storm's copies of one call go out on different connections at once.
 *
 * <p>TCP rather than HTTP so that it never reads, buffers or rewrites a request: what reaches an
 * instance is byte for byte what the bench sent. {@code deploy/cluster.sh} puts Debian's nginx
 * in front instead; the bench's tests must not depend on nginx being installed.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** An instance that does not accept within this is treated as down for this connection. */
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final int BUFFER_BYTES = 16 * 1024;

    private final ServerSocket server;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private RoundRobinProxy(ServerSocket server, List<InetSocketAddress> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
        this.connections = new AtomicLongArray(backends.size());
        this.acceptor = Thread.ofVirtual().name("bench-proxy-accept").start(this::acceptLoop);
    }

    /** Listens on a free port of 127.0.0.1 and spreads over {@code backends} (base URLs). */
    public static RoundRobinProxy start(List<URI> backends) {
        try {
            ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            return new RoundRobinProxy(server, backends.stream()
                    .map(uri -> new InetSocketAddress(uri.getHost(), uri.getPort())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the bench's load balancer", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** Connections handed to each instance so far, in the order of the backends. */
    public long[] connectionsPerInstance() {
        long[] counts = new long[connections.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = connections.get(i);
        }
        return counts;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("bench-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                // Closed: the loop ends.
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = connectToNext();
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(upstream);
        Thread back = Thread.ofVirtual().name("bench-proxy-back").start(() -> pump(upstream, client));
        pump(client, upstream);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.remove(client);
        open.remove(upstream);
    }

    /** The next instance in turn that accepts; null when none does. */
    private Socket connectToNext() {
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int tried = 0; tried < backends.size(); tried++) {
            int index = (first + tried) % backends.size();
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(backends.get(index), CONNECT_TIMEOUT_MS);
                connections.incrementAndGet(index);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies one direction until it ends, then closes both sides: an instance killed mid-request resets its client. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException e) {
            // Reset or closed by the other direction.
        } catch (IOException e) {
            // The same: the connection is over.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
        open.forEach(RoundRobinProxy::closeQuietly);
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
