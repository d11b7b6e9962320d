package io.payonce.web.membership;

import io.payonce.access.AccessRefused;
import io.payonce.membership.MemberApiException;
import io.payonce.membership.MemberError;
import io.payonce.membership.MembershipMetrics;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every exception of the membership API into the envelope. Ordered before the
 * service-wide problem+json handler and scoped to {@link MemberApiController}, so it answers for
 * that controller only and for everything it throws, framework exceptions included.
 */
@RestControllerAdvice(assignableTypes = MemberApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MemberApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MemberApiExceptionHandler.class);

    private final MembershipMetrics metrics;

    MemberApiExceptionHandler(MembershipMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(MemberApiException.class)
    ResponseEntity<MemberEnvelope> refused(MemberApiException e) {
        metrics.refused(e.error());
        return MemberEnvelope.error(e.error(), e.getMessage(), HttpHeaders.EMPTY);
    }

    /** The member lookup's API key check (see io.payonce.web.access), answered in the envelope too. */
    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<MemberEnvelope> accessRefused(AccessRefused e) {
        MemberError error = switch (e.reason()) {
            case CREDENTIALS_MISSING -> MemberError.CREDENTIALS_MISSING;
            case CREDENTIALS_INVALID -> MemberError.CREDENTIALS_INVALID;
            case SCOPE_MISSING -> MemberError.SCOPE_MISSING;
        };
        metrics.refused(error);
        return MemberEnvelope.error(error, e.getMessage(), HttpHeaders.EMPTY);
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class, QueryTimeoutException.class})
    ResponseEntity<MemberEnvelope> databaseBusy(Exception e) {
        log.warn("Database unavailable for the membership API: {}", e.getMessage());
        metrics.refused(MemberError.UNAVAILABLE);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return MemberEnvelope.error(MemberError.UNAVAILABLE, "The database is busy or unreachable; retry shortly", headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<MemberEnvelope> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        metrics.refused(MemberError.INTERNAL);
        return MemberEnvelope.error(MemberError.INTERNAL, "An unexpected error occurred", HttpHeaders.EMPTY);
    }
}
