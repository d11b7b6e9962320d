package io.payonce.gateway.web;

import java.net.URI;

import io.payonce.gateway.faults.InvalidFaults;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The control API's errors as problem+json with a {@code code}, like payonce's own. Scoped to
 * the control controllers: the protocol endpoints answer in their gateway's wire format.
 */
@RestControllerAdvice(assignableTypes = {ControlController.class, HealthController.class})
class ControlProblems {

    private static final Logger log = LoggerFactory.getLogger(ControlProblems.class);

    @ExceptionHandler(ControlRefusal.class)
    ResponseEntity<ProblemDetail> refusal(ControlRefusal refusal, HttpServletRequest request) {
        return problem(refusal.status(), refusal.code(), refusal.getMessage(), request);
    }

    @ExceptionHandler(InvalidFaults.class)
    ResponseEntity<ProblemDetail> invalidFaults(InvalidFaults invalid, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage(), request);
    }

    /**
     * Spring MVC's own refusals (a missing parameter, a wrong method) keep their status, with a
     * code; anything else is a bug: logged here, and the answer says nothing of it.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception exception, HttpServletRequest request) {
        if (exception instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            int status = error.getStatusCode().value();
            String code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "invalid_request";
            return problem(error.getStatusCode(), code, error.getBody().getDetail(), request);
        }
        log.error("Control API call {} {} failed", request.getMethod(), request.getRequestURI(), exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "The sandbox gateway failed; see its log", request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:payonce:sandbox:problem:" + code));
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // A path Tomcat let through but java.net.URI refuses: the problem goes without its instance.
        }
        problem.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
