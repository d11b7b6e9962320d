package io.payonce.web;

import java.util.Map;

import io.payonce.common.Refusal;

/**
 * A refusal at the HTTP edge (a malformed body, a missing header, a wrong credential): mapped to
 * problem+json with its {@link ErrorCode}. Domain code throws {@link io.payonce.common.Refusal} instead.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;
    private final transient Map<String, Object> extensions;

    public ApiException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, Map.of());
    }

    public ApiException(ErrorCode errorCode, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.extensions = Map.copyOf(extensions);
    }

    /** The edge's answer to a domain refusal, same detail and facts. */
    public static ApiException of(Refusal refusal) {
        return new ApiException(ErrorCode.of(refusal.reason()), refusal.getMessage(), refusal.facts());
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
