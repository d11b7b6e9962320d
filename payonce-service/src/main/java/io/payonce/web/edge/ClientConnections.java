package io.payonce.web.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every open connection of the public port, by client address: refuses a connection over the
 * client's cap when it is accepted, before Tomcat reads a byte of it or spends a thread on it, and
 * closes connections that do not deliver a complete request head in time (Tomcat bounds only the
 * silence between two bytes, so a client sending one byte every few seconds would otherwise hold a
 * connection for as long as it likes).
 */
public final class ClientConnections {

    private final Map<InetAddress, Set<Connection>> byClient = new ConcurrentHashMap<>();
    private final Map<String, Connection> byPeer = new ConcurrentHashMap<>();
    private final int perClientMax;
    private final Set<InetAddress> exempt;
    private final long newConnectionNanos;
    private final long idleConnectionNanos;
    private final LongSupplier nanoTime;
    private final Counter refused;
    private final Counter headTimedOut;
    private final Counter bodyTimedOut;

    public ClientConnections(ConnectionLimits limits, MeterRegistry meters, LongSupplier nanoTime) {
        this.perClientMax = limits.perClientMax();
        this.exempt = addresses(limits.exempt());
        this.newConnectionNanos = limits.readTimeout().toNanos();
        this.idleConnectionNanos = limits.keepAliveTimeout().plus(limits.readTimeout()).toNanos();
        this.nanoTime = nanoTime;
        this.refused = Counter.builder("payonce.connections.refused").tag("reason", "client_limit")
                .description("Connections closed when accepted because their client already held its cap").register(meters);
        this.headTimedOut = timedOut(meters, "head");
        this.bodyTimedOut = timedOut(meters, "body");
        meters.gauge("payonce.connections.open", byPeer, Map::size);
    }

    private static Counter timedOut(MeterRegistry meters, String phase) {
        return Counter.builder("payonce.connections.timed_out").tag("phase", phase)
                .description("Connections or requests cut off because the client was too slow").register(meters);
    }

    private static Set<InetAddress> addresses(Collection<String> names) {
        Set<InetAddress> addresses = new HashSet<>();
        for (String name : names) {
            String literal = name.strip();
            // Only literals: a host name would be looked up once at start-up and silently go stale.
            if (literal.isEmpty() || !literal.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("payonce.connections.exempt: '" + name + "' is not an IP address");
            }
            try {
                addresses.add(InetAddress.getByName(literal));
            } catch (IOException e) {
                throw new IllegalArgumentException("payonce.connections.exempt: '" + name + "' is not an IP address", e);
            }
        }
        return Set.copyOf(addresses);
    }

    /** Called by the acceptor for each new connection; false closes it at once. */
    boolean admit(SocketChannel channel) {
        SocketAddress peer;
        try {
            peer = channel.getRemoteAddress();
        } catch (IOException e) {
            return false;
        }
        if (!(peer instanceof InetSocketAddress address)) {
            return false;
        }
        InetAddress client = address.getAddress();
        Connection connection = new Connection(channel, client, nanoTime.getAsLong());
        boolean[] admitted = {false};
        // compute() runs atomically per client, so two connections accepted at once cannot both take the last slot.
        byClient.compute(client, (c, held) -> {
            Set<Connection> live = held == null ? new HashSet<>() : held;
            live.removeIf(Connection::closed);
            if (live.size() < perClientMax || exempt.contains(c)) {
                live.add(connection);
                admitted[0] = true;
            }
            return live.isEmpty() ? null : live;
        });
        if (!admitted[0]) {
            refused.increment();
            return false;
        }
        byPeer.put(key(client.getHostAddress(), address.getPort()), connection);
        return true;
    }

    /** A complete request head arrived on this connection: the application has it now. */
    void requestStarted(String peerAddress, int peerPort) {
        Connection connection = find(peerAddress, peerPort);
        if (connection != null) {
            connection.inRequest = true;
        }
    }

    /** The answer is written: the connection waits for the next request (keep-alive) from now on. */
    void requestEnded(String peerAddress, int peerPort) {
        Connection connection = find(peerAddress, peerPort);
        if (connection != null) {
            connection.idleSinceNanos = nanoTime.getAsLong();
            connection.servedOne = true;
            connection.inRequest = false;
        }
    }

    void bodyTimedOut() {
        bodyTimedOut.increment();
    }

    private Connection find(String peerAddress, int peerPort) {
        return byPeer.get(key(peerAddress, peerPort));
    }

    /** Tomcat names a peer by the same {@code getHostAddress()} string, so no parsing is needed to match it. */
    private static String key(String hostAddress, int port) {
        return hostAddress + " " + port;
    }

    /** Forgets closed connections and closes those that have not sent a whole request head in time. */
    void sweep() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<String, Connection> entry : byPeer.entrySet()) {
            Connection connection = entry.getValue();
            if (connection.closed()) {
                byPeer.remove(entry.getKey(), connection);
                forget(connection);
            } else if (!connection.inRequest && now - connection.idleSinceNanos > allowedNanos(connection)) {
                headTimedOut.increment();
                connection.shutDown();
            }
        }
    }

    private long allowedNanos(Connection connection) {
        return connection.servedOne ? idleConnectionNanos : newConnectionNanos;
    }

    private void forget(Connection connection) {
        byClient.computeIfPresent(connection.client, (client, held) -> {
            held.remove(connection);
            return held.isEmpty() ? null : held;
        });
    }

    int openConnections() {
        return byPeer.size();
    }

    static Duration sweepInterval() {
        return Duration.ofMillis(250);
    }

    private static final class Connection {
        final SocketChannel channel;
        final InetAddress client;
        volatile long idleSinceNanos;
        volatile boolean inRequest;
        volatile boolean servedOne;

        Connection(SocketChannel channel, InetAddress client, long acceptedNanos) {
            this.channel = channel;
            this.client = client;
            this.idleSinceNanos = acceptedNanos;
        }

        boolean closed() {
            return !channel.isOpen();
        }

        /**
         * Ends the stream both ways instead of closing the channel under Tomcat's poller: Tomcat
         * then reads the end of the stream and closes the connection its own way, counting it down.
         */
        void shutDown() {
            try {
                channel.shutdownInput();
                channel.shutdownOutput();
            } catch (IOException ignored) {
                // Closed meanwhile: nothing left to cut.
            }
        }
    }
}
