package io.payonce.web.edge;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tells {@link ClientConnections} when a connection has a complete request head (Tomcat calls the
 * engine's valves only then) and when its answer is done, so only connections waiting for a head
 * are held to the head's deadline.
 */
final class RequestTrackingValve extends ValveBase {

    private final ClientConnections connections;

    RequestTrackingValve(ClientConnections connections) {
        super(true);
        this.connections = connections;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String peer = request.getRemoteAddr();
        int port = request.getRemotePort();
        connections.requestStarted(peer, port);
        try {
            getNext().invoke(request, response);
        } finally {
            connections.requestEnded(peer, port);
        }
    }
}
