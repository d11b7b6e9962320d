package io.payonce.web.access;

import java.util.Map;

import io.payonce.access.AccessRefused;
import io.payonce.web.ErrorCode;
import io.payonce.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a refused credential: 401 when it is missing or not valid, 403 when it lacks the scope. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccessProblemHandler {

    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<ProblemDetail> refused(AccessRefused e) {
        ErrorCode code = switch (e.reason()) {
            case CREDENTIALS_MISSING -> ErrorCode.CREDENTIALS_MISSING;
            case CREDENTIALS_INVALID -> ErrorCode.CREDENTIALS_INVALID;
            case SCOPE_MISSING -> ErrorCode.SCOPE_MISSING;
        };
        Map<String, String> headers = code.status().value() == 401 ? Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer") : Map.of();
        return Problems.response(Problems.of(code, e.getMessage()), headers);
    }
}
