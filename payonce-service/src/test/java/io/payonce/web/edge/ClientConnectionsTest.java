package io.payonce.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-client cap and the head deadline on real loopback sockets, with a clock the test moves. */
class ClientConnectionsTest {

    private static final ConnectionLimits LIMITS =
            new ConnectionLimits(Duration.ofSeconds(5), Duration.ofSeconds(15), 1024, 3, List.of("127.0.0.3"));

    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClientConnections connections = new ClientConnections(LIMITS, meters, nanos::get);
    private final List<SocketChannel> sockets = new ArrayList<>();
    private ServerSocketChannel server;

    @AfterEach
    void close() throws IOException {
        for (SocketChannel socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_client_at_its_cap_is_refused_while_another_client_is_admitted_and_a_closed_slot_is_free_at_once() throws IOException {
        List<SocketChannel> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SocketChannel accepted = connectFrom("127.0.0.2");
            assertThat(connections.admit(accepted)).isTrue();
            held.add(accepted);
        }
        assertThat(connections.admit(connectFrom("127.0.0.2"))).isFalse();
        assertThat(connections.admit(connectFrom("127.0.0.1"))).isTrue();

        held.getFirst().close();
        assertThat(connections.admit(connectFrom("127.0.0.2"))).isTrue();
        assertThat(meters.counter("payonce.connections.refused", "reason", "client_limit").count()).isEqualTo(1);
    }

    @Test
    void an_exempt_address_has_no_cap() throws IOException {
        for (int i = 0; i < 10; i++) {
            assertThat(connections.admit(connectFrom("127.0.0.3"))).isTrue();
        }
    }

    @Test
    void a_new_connection_without_a_whole_request_head_is_cut_after_the_read_timeout() throws IOException {
        SocketChannel accepted = connectFrom("127.0.0.2");
        connections.admit(accepted);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        connections.sweep();
        assertThat(accepted.read(ByteBuffer.allocate(1))).as("still open at the deadline").isZero();

        nanos.addAndGet(1);
        connections.sweep();
        assertThat(accepted.read(ByteBuffer.allocate(1))).as("input ended").isEqualTo(-1);
        assertThat(meters.counter("payonce.connections.timed_out", "phase", "head").count()).isEqualTo(1);
    }

    @Test
    void a_connection_in_a_request_is_left_alone_and_after_it_waits_keep_alive_plus_read_timeout() throws IOException {
        SocketChannel accepted = connectFrom("127.0.0.2");
        connections.admit(accepted);
        InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
        connections.requestStarted(peer.getAddress().getHostAddress(), peer.getPort());

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        connections.sweep();
        assertThat(accepted.read(ByteBuffer.allocate(1))).isZero();

        connections.requestEnded(peer.getAddress().getHostAddress(), peer.getPort());
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        connections.sweep();
        assertThat(accepted.read(ByteBuffer.allocate(1))).isZero();
        nanos.addAndGet(1);
        connections.sweep();
        assertThat(accepted.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }

    @Test
    void a_closed_connection_is_forgotten_by_the_sweep() throws IOException {
        SocketChannel accepted = connectFrom("127.0.0.2");
        connections.admit(accepted);
        accepted.close();
        connections.sweep();
        assertThat(connections.openConnections()).isZero();
    }

    /** The server side of a new connection from {@code from} (any 127/8 address reaches loopback on Linux). */
    private SocketChannel connectFrom(String from) throws IOException {
        if (server == null) {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }
        SocketChannel client = SocketChannel.open();
        client.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        client.connect(server.getLocalAddress());
        sockets.add(client);
        SocketChannel accepted = server.accept();
        accepted.configureBlocking(false);
        sockets.add(accepted);
        return accepted;
    }
}
