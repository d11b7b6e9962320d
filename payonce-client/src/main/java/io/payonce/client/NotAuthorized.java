package io.payonce.client;

/** No credential, an invalid one, or one without the scope (401 credentials_missing, credentials_invalid; 403 scope_missing). */
public final class NotAuthorized extends ApiException {

    NotAuthorized(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
