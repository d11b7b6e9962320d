package io.payonce.client;

/**
 * What one call may set beyond its arguments: its Idempotency-Key (else the client makes one and
 * keeps it across the call's retries), an order's token ({@code X-Order-Token}), or another bearer
 * credential than the client's.
 */
public record RequestOptions(String idempotencyKey, String orderToken, String bearer) {

    public static final RequestOptions NONE = new RequestOptions(null, null, null);

    public static RequestOptions idempotencyKey(String key) {
        return NONE.withIdempotencyKey(key);
    }

    public static RequestOptions orderToken(String token) {
        return NONE.withOrderToken(token);
    }

    public static RequestOptions bearer(String token) {
        return NONE.withBearer(token);
    }

    public RequestOptions withIdempotencyKey(String key) {
        return new RequestOptions(key, orderToken, bearer);
    }

    public RequestOptions withOrderToken(String token) {
        return new RequestOptions(idempotencyKey, token, bearer);
    }

    public RequestOptions withBearer(String token) {
        return new RequestOptions(idempotencyKey, orderToken, token);
    }
}
