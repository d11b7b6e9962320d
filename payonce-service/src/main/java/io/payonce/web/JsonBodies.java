package io.payonce.web;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body the use case also needs as raw bytes (idempotent requests fingerprint
 * them): malformed JSON is 400 {@code malformed_json}, a broken constraint 400
 * {@code invalid_request} naming the field.
 */
@Component
public class JsonBodies {

    private final JsonMapper json;
    private final Validator validator;

    JsonBodies(JsonMapper json, Validator validator) {
        // Unknown fields are refused, not ignored: a typo must not silently change a payment.
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();
        this.validator = validator;
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON request body is required");
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, describe(e));
        }
        if (value == null) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON object is required");
        }
        validate(value);
        return value;
    }

    public <T> void validate(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
    }

    /** Names the field and the problem without echoing the input (it may hold a secret). */
    private static String describe(JacksonException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "The request body is not valid JSON" : "Field '" + path + "' has the wrong type or format";
    }
}
