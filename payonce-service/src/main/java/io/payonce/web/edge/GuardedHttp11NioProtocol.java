package io.payonce.web.edge;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;

/**
 * Tomcat's NIO connector with one hook at the earliest point a connection exists: the acceptor asks
 * {@link ClientConnections} before the socket is configured, registered with the poller or read,
 * so a client over its cap costs one accept and one close, never a thread or a buffer. Tomcat
 * creates it by class name ({@code TomcatServletWebServerFactory.setProtocol}).
 */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {

    private final GuardedEndpoint endpoint;

    public GuardedHttp11NioProtocol() {
        this(new GuardedEndpoint());
    }

    private GuardedHttp11NioProtocol(GuardedEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    void guardWith(ClientConnections connections) {
        endpoint.connections = connections;
    }

    private static final class GuardedEndpoint extends NioEndpoint {
        private volatile ClientConnections connections;

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            ClientConnections guard = connections;
            if (guard != null && !guard.admit(socket)) {
                refuse(socket);
                return false;
            }
            return super.setSocketOptions(socket);
        }

        /**
         * The acceptor's own clean-up after a false closes only sockets Tomcat has wrapped, so a
         * refused one is destroyed here: closed and counted down, or every refusal would keep a
         * socket and a slot of the connection limit for good. Lingering 0 makes the close a reset,
         * so a flood leaves no TIME_WAIT behind on this side.
         */
        private void refuse(SocketChannel socket) {
            try {
                socket.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // Already gone: destroying it is all that is left.
            }
            destroySocket(socket);
        }
    }
}
