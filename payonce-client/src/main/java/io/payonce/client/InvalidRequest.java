package io.payonce.client;

/** The request itself is wrong (400 invalid_request, malformed_json, ...): a retry cannot help. */
public final class InvalidRequest extends ApiException {

    InvalidRequest(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
