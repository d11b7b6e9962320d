package io.payonce.web.edge;

import java.io.IOException;
import java.net.SocketTimeoutException;

import io.payonce.web.WatchedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the time a request's body may take in total. Tomcat bounds only the silence between two
 * bytes (the same read timeout), so a body trickled one byte at a time would otherwise hold its
 * request for as long as the client likes. The deadline is checked whenever bytes arrive; a read
 * that then waits for bytes that never come ends at Tomcat's timeout, so a body is cut off at the
 * latest twice the read timeout after its head. Either way the read fails with
 * {@link RequestBodyTimeoutException}, which the problem mapping answers 408 {@code request_timeout}.
 */
public final class RequestBodyDeadlineFilter extends OncePerRequestFilter {

    private final long readTimeoutNanos;
    private final ClientConnections connections;

    RequestBodyDeadlineFilter(long readTimeoutNanos, ClientConnections connections) {
        this.readTimeoutNanos = readTimeoutNanos;
        this.connections = connections;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() == 0) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new WatchedBody(request, new Deadline(System.nanoTime() + readTimeoutNanos)), response);
    }

    /** A body read that took too long, in total or between two bytes. */
    public static final class RequestBodyTimeoutException extends SocketTimeoutException {
        RequestBodyTimeoutException() {
            super("request body too slow");
        }
    }

    /** Refuses a read once the body's time is up, and reports a read that timed out as the body's timeout. */
    private final class Deadline implements WatchedBody.Watch {
        private final long atNanos;
        private boolean counted;

        Deadline(long atNanos) {
            this.atNanos = atNanos;
        }

        @Override
        public void beforeRead() throws RequestBodyTimeoutException {
            if (System.nanoTime() - atNanos > 0) {
                throw timedOut();
            }
        }

        @Override
        public IOException failed(IOException failure) {
            return causedByTimeout(failure) ? timedOut() : failure;
        }

        RequestBodyTimeoutException timedOut() {
            if (!counted) {
                counted = true;
                connections.bodyTimedOut();
            }
            return new RequestBodyTimeoutException();
        }
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
