package io.payonce.client;

import java.time.Duration;

/**
 * payonce refused the call with an RFC 9457 problem. {@link #code()} is the stable {@code code};
 * the common ones have their own subclass ({@link SoldOut}, {@link RefundExceedsPaid},
 * {@link OrderNotFound}, ...) so a caller can catch exactly what it handles.
 */
public non-sealed class ApiException extends PayonceException {

    /** What the problem said. */
    public record Problem(int status, String rawCode, String title, String detail, String body, Duration retryAfter) {
    }

    private final Problem problem;

    ApiException(Problem problem, String idempotencyKey, int attempts) {
        super(problem.status() + " " + problem.rawCode() + ": " + (problem.detail() == null ? problem.title() : problem.detail()),
                null, idempotencyKey, attempts);
        this.problem = problem;
    }

    /** The refusal as its most specific type. */
    static ApiException of(Problem problem, String idempotencyKey, int attempts) {
        ProblemCode code = ProblemCode.of(problem.rawCode());
        return switch (code) {
            case SOLD_OUT -> new SoldOut(problem, idempotencyKey, attempts);
            case REFUND_EXCEEDS_PAID -> new RefundExceedsPaid(problem, idempotencyKey, attempts);
            case ORDER_NOT_FOUND -> new OrderNotFound(problem, idempotencyKey, attempts);
            case PRODUCT_NOT_FOUND -> new ProductNotFound(problem, idempotencyKey, attempts);
            case PAYMENT_DECLINED -> new PaymentDeclined(problem, idempotencyKey, attempts);
            case IDEMPOTENCY_KEY_IN_USE -> new IdempotencyKeyInUse(problem, idempotencyKey, attempts);
            case IDEMPOTENCY_KEY_REUSED -> new IdempotencyKeyReused(problem, idempotencyKey, attempts);
            case RATE_LIMITED, RESERVATION_LIMIT -> new TooManyRequests(problem, idempotencyKey, attempts);
            case CREDENTIALS_MISSING, CREDENTIALS_INVALID, SCOPE_MISSING -> new NotAuthorized(problem, idempotencyKey, attempts);
            case INVALID_REQUEST, MALFORMED_JSON, MALFORMED_ENCODING, IDEMPOTENCY_KEY_MISSING, IDEMPOTENCY_KEY_INVALID ->
                    new InvalidRequest(problem, idempotencyKey, attempts);
            case SERVICE_UNAVAILABLE, CHANNEL_UNAVAILABLE -> new Unavailable(problem, idempotencyKey, attempts);
            default -> new ApiException(problem, idempotencyKey, attempts);
        };
    }

    public ProblemCode code() {
        return ProblemCode.of(problem.rawCode());
    }

    /** The code's text as payonce sent it, also when this client does not know it. */
    public String rawCode() {
        return problem.rawCode();
    }

    public int status() {
        return problem.status();
    }

    public String detail() {
        return problem.detail();
    }

    /** The whole problem body, for fields beyond the standard ones ({@code unitsHeld}, ...). */
    public String body() {
        return problem.body();
    }

    /** The server's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return problem.retryAfter();
    }
}
