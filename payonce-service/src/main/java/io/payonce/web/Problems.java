package io.payonce.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem details that always carry a stable {@code code}. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode errorCode, String detail) {
        return of(errorCode.status(), errorCode.code(), errorCode.title(), detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail == null ? title : detail);
        problem.setType(URI.create("urn:payonce:problem:" + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ApiException e) {
        ProblemDetail problem = of(e);
        return response(problem, e.errorCode().retryable() ? Map.of(HttpHeaders.RETRY_AFTER, retryAfter(e)) : Map.of());
    }

    /** Seconds a client should wait: the refusal's own {@code retryAfterSeconds} when it knows them, else one. */
    private static String retryAfter(ApiException e) {
        return e.extensions().get("retryAfterSeconds") instanceof Number seconds ? String.valueOf(seconds.longValue()) : "1";
    }

    /** The problem body of an edge refusal, as it is sent and as it is stored for replays. */
    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(e.errorCode(), e.getMessage());
        e.extensions().forEach(problem::setProperty);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem, Map<String, String> headers) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON);
        headers.forEach((name, value) -> builder.header(name, value));
        return builder.body(problem);
    }
}
