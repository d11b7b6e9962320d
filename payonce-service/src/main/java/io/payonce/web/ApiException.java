package io.payonce.web;

import java.util.Map;

/** A business outcome that is not a success: mapped to problem+json with its {@link ErrorCode}. */
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

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
