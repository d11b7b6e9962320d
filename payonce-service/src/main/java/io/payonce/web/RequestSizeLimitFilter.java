package io.payonce.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body: 413 {@code payload_too_large} before the body is read when the
 * declared length is over the limit, and as soon as a chunked body passes it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Enough for any order, payment, refund or notification body with room to spare. */
    static final long DEFAULT_LIMIT_BYTES = 64 * 1024;
    /** A card-key import of 10,000 codes of up to 256 characters, JSON-quoted. */
    static final long IMPORT_LIMIT_BYTES = 4 * 1024 * 1024;

    private final JsonMapper json;

    RequestSizeLimitFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().endsWith("/card-keys") ? IMPORT_LIMIT_BYTES : DEFAULT_LIMIT_BYTES;
        if (request.getContentLengthLong() > limit) {
            reject(response, limit);
            return;
        }
        try {
            chain.doFilter(new WatchedBody(request, new Limit(limit)), response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                reject(response, limit);
            }
        }
    }

    private void reject(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(ErrorCode.PAYLOAD_TOO_LARGE.status().value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), Problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is over the limit of " + limit + " bytes"));
    }

    /** Thrown from the body stream once a request passes its limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over the limit");
        }
    }

    /** Counts the body's bytes and refuses the read that passes the limit. */
    private static final class Limit implements WatchedBody.Watch {
        private final long limit;
        private long read;

        Limit(long limit) {
            this.limit = limit;
        }

        @Override
        public void afterRead(int bytes) throws BodyTooLargeException {
            read += bytes;
            if (read > limit) {
                throw new BodyTooLargeException();
            }
        }
    }
}
