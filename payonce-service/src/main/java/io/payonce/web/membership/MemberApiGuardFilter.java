package io.payonce.web.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.payonce.membership.MemberError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last line of the envelope promise on /api/member/**: an error that never reaches
 * {@link MemberApiExceptionHandler} (one raised by a filter, or a {@code sendError} from the
 * framework) would otherwise be forwarded to the service-wide problem+json error page. This
 * filter keeps such errors on the request and answers them in the envelope instead.
 */
public final class MemberApiGuardFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MemberApiGuardFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorKeepingResponse kept = new ErrorKeepingResponse(response);
        try {
            chain.doFilter(request, kept);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
            write(response, MemberError.INTERNAL);
            return;
        }
        if (kept.errorStatus != 0 && !response.isCommitted()) {
            write(response, errorFor(kept.errorStatus));
        }
    }

    private static MemberError errorFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return switch (known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known) {
            case NOT_FOUND -> MemberError.NO_SUCH_ENDPOINT;
            case METHOD_NOT_ALLOWED -> MemberError.METHOD_NOT_ALLOWED;
            case TOO_MANY_REQUESTS -> MemberError.RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> MemberError.UNAVAILABLE;
            case HttpStatus s when s.is4xxClientError() -> MemberError.MALFORMED_REQUEST;
            default -> MemberError.INTERNAL;
        };
    }

    private static void write(HttpServletResponse response, MemberError error) throws IOException {
        response.resetBuffer();
        response.setStatus(MemberStatuses.of(error).value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        String message = MemberStatuses.of(error).getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        response.getOutputStream().write(MemberEnvelope.errorJson(error, message).getBytes(StandardCharsets.UTF_8));
    }

    /** Remembers a sendError instead of letting the container forward to its error page. */
    private static final class ErrorKeepingResponse extends HttpServletResponseWrapper {
        private int errorStatus;

        ErrorKeepingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) {
            errorStatus = status;
        }

        @Override
        public void sendError(int status, String message) {
            errorStatus = status;
        }
    }
}
