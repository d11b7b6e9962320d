package io.payonce.web.edge;

import java.io.IOException;
import java.net.SocketTimeoutException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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
        chain.doFilter(new DeadlinedRequest(request, new Deadline(System.nanoTime() + readTimeoutNanos)), response);
    }

    /** A body read that took too long, in total or between two bytes. */
    public static final class RequestBodyTimeoutException extends SocketTimeoutException {
        RequestBodyTimeoutException() {
            super("request body too slow");
        }
    }

    private final class Deadline {
        private final long atNanos;
        private boolean counted;

        Deadline(long atNanos) {
            this.atNanos = atNanos;
        }

        void check() throws RequestBodyTimeoutException {
            if (System.nanoTime() - atNanos > 0) {
                throw timedOut();
            }
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

    private static final class DeadlinedRequest extends HttpServletRequestWrapper {
        private final Deadline deadline;
        private ServletInputStream stream;

        DeadlinedRequest(HttpServletRequest request, Deadline deadline) {
            super(request);
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new DeadlinedStream(super.getInputStream(), deadline);
            }
            return stream;
        }
    }

    private static final class DeadlinedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final Deadline deadline;

        DeadlinedStream(ServletInputStream delegate, Deadline deadline) {
            this.delegate = delegate;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            deadline.check();
            try {
                return delegate.read();
            } catch (IOException e) {
                throw causedByTimeout(e) ? deadline.timedOut() : e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            deadline.check();
            try {
                return delegate.read(buffer, offset, length);
            } catch (IOException e) {
                throw causedByTimeout(e) ? deadline.timedOut() : e;
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
