package io.payonce.web.console;

import java.time.Clock;
import java.util.Map;

import io.payonce.access.LoginThrottle;
import io.payonce.access.OwnerLoginRefused;
import io.payonce.web.ErrorCode;
import io.payonce.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a refused console login: 401 {@code login_failed}, or 429 {@code login_locked} with when it ends. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConsoleProblemHandler {

    private final Clock clock;

    ConsoleProblemHandler(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(OwnerLoginRefused.class)
    ResponseEntity<ProblemDetail> refused(OwnerLoginRefused e) {
        return switch (e.reason()) {
            case FAILED -> Problems.response(Problems.of(ErrorCode.LOGIN_FAILED, e.getMessage()), Map.of());
            case LOCKED -> {
                long seconds = LoginThrottle.secondsUntil(e.lockedUntil(), clock.instant());
                ProblemDetail problem = Problems.of(ErrorCode.LOGIN_LOCKED, e.getMessage());
                problem.setProperty("retryAfterSeconds", seconds);
                yield Problems.response(problem, Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
            }
        };
    }
}
