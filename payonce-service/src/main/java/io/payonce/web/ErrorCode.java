package io.payonce.web;

import io.payonce.common.Refusal;
import org.springframework.http.HttpStatus;

/**
 * Every business rejection payonce answers, with its HTTP status. The {@link #code()} is the
 * stable snake_case {@code code} of the problem+json body, so renaming a constant breaks clients.
 */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "Request body too slow"),
    IDEMPOTENCY_KEY_MISSING(HttpStatus.BAD_REQUEST, "Idempotency-Key header missing"),
    IDEMPOTENCY_KEY_INVALID(HttpStatus.BAD_REQUEST, "Idempotency-Key header invalid"),
    IDEMPOTENCY_KEY_IN_USE(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still running"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused with a different request"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "Product not found"),
    SKU_EXISTS(HttpStatus.CONFLICT, "A product with this sku exists"),
    WRONG_PRODUCT_KIND(HttpStatus.CONFLICT, "Operation does not fit the product's kind"),
    SOLD_OUT(HttpStatus.CONFLICT, "Not enough stock"),
    /** Past a cap on units held by unpaid orders; {@code Retry-After} says when the oldest of them expires. */
    RESERVATION_LIMIT(HttpStatus.TOO_MANY_REQUESTS, "Too many units reserved and unpaid"),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "Order not found"),
    ORDER_ALREADY_PAID(HttpStatus.CONFLICT, "Order already paid"),
    ORDER_NOT_PAYABLE(HttpStatus.CONFLICT, "Order cannot be paid"),
    ORDER_NOT_CANCELLABLE(HttpStatus.CONFLICT, "Order cannot be cancelled"),
    ORDER_NOT_REFUNDABLE(HttpStatus.CONFLICT, "Order cannot be refunded"),
    PAYMENT_IN_PROGRESS(HttpStatus.CONFLICT, "Another payment of this order is in progress"),
    PAYMENT_DECLINED(HttpStatus.PAYMENT_REQUIRED, "Payment declined by the channel"),
    PAYMENT_CLOSED(HttpStatus.CONFLICT, "Payment closed with its order"),
    REFUND_EXCEEDS_PAID(HttpStatus.CONFLICT, "Refund exceeds the paid amount"),
    REFUND_DECLINED(HttpStatus.BAD_GATEWAY, "Refund declined by the channel"),
    CHANNEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Unknown payment channel"),
    CHANNEL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Payment channel unavailable"),
    BILL_NOT_AVAILABLE(HttpStatus.CONFLICT, "No bill to reconcile against"),
    BILL_UNREADABLE(HttpStatus.BAD_GATEWAY, "The gateway's bill could not be read"),
    TRADE_NOT_OPEN(HttpStatus.CONFLICT, "The gateway trade is no longer open"),
    PAYMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Payment not found"),
    MONEY_EXCEPTION_NOT_FOUND(HttpStatus.NOT_FOUND, "Money exception not found"),
    MONEY_EXCEPTION_NOT_OPEN(HttpStatus.CONFLICT, "Money exception not open"),
    SYSTEM_EXISTS(HttpStatus.CONFLICT, "A system with this systemId exists"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    /** A membership order whose days would carry the buyer past the furthest expiry granted (100 years). */
    MEMBERSHIP_EXPIRY_LIMIT(HttpStatus.CONFLICT, "Membership would pass its expiry limit"),
    /** A query string or form body that is not valid percent-encoded UTF-8. */
    MALFORMED_ENCODING(HttpStatus.BAD_REQUEST, "Malformed percent-encoding"),
    CREDENTIALS_MISSING(HttpStatus.UNAUTHORIZED, "Credentials missing"),
    CREDENTIALS_INVALID(HttpStatus.UNAUTHORIZED, "Credentials invalid"),
    SCOPE_MISSING(HttpStatus.FORBIDDEN, "The API key lacks the scope"),
    API_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "API key not found"),
    CARD_KEY_ROTATION_NEEDS_NEW_KEY(HttpStatus.CONFLICT, "No newer card-key key version to rotate to"),
    CARD_KEY_ROTATION_IN_PROGRESS(HttpStatus.CONFLICT, "A card-key rotation is already running"),
    // The storefront (issue 11): a client address past its free orders must solve a challenge.
    /** No solved challenge with an order past the address's free orders: get one from /v1/store/captcha-challenges. */
    CAPTCHA_REQUIRED(HttpStatus.PRECONDITION_REQUIRED, "A solved captcha is required"),
    /** The challenge's answer is wrong, or its token expired, was altered or was used already. */
    CAPTCHA_WRONG(HttpStatus.FORBIDDEN, "The captcha was not solved"),
    // The owner's console (issue 11).
    /** A console login whose name or password is wrong. */
    LOGIN_FAILED(HttpStatus.UNAUTHORIZED, "Login failed"),
    /** Too many failed console logins for the account or the client address; {@code Retry-After} says when it ends. */
    LOGIN_LOCKED(HttpStatus.TOO_MANY_REQUESTS, "Locked out after too many failed logins"),
    /** A request authenticated by the console's cookie without its CSRF token, or from another site. */
    CSRF_REFUSED(HttpStatus.FORBIDDEN, "Cross-site request refused"),
    /** Issue 10: a Submit-Token that is unknown, expired before its first use, or issued to another caller. */
    SUBMIT_TOKEN_INVALID(HttpStatus.BAD_REQUEST, "Submit-Token invalid"),
    /** Issue 10: Submit-Token and Idempotency-Key name the request twice; send one of them. */
    SUBMIT_TOKEN_WITH_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "Submit-Token and Idempotency-Key both sent"),
    /** Merchant webhooks (issue 10). */
    WEBHOOK_URL_NOT_ALLOWED(HttpStatus.BAD_REQUEST, "payonce will not post to this URL"),
    WEBHOOK_ENDPOINT_NOT_FOUND(HttpStatus.NOT_FOUND, "Webhook endpoint not found"),
    WEBHOOK_EVENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Webhook event not found"),
    WEBHOOK_ENDPOINT_DISABLED(HttpStatus.CONFLICT, "Webhook endpoint disabled");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The answer to a domain refusal: one exhaustive switch, so a new reason cannot go unmapped. */
    public static ErrorCode of(Refusal.Reason reason) {
        return switch (reason) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case PRODUCT_NOT_FOUND -> PRODUCT_NOT_FOUND;
            case SKU_EXISTS -> SKU_EXISTS;
            case WRONG_PRODUCT_KIND -> WRONG_PRODUCT_KIND;
            case SOLD_OUT -> SOLD_OUT;
            case RESERVATION_LIMIT -> RESERVATION_LIMIT;
            case MEMBERSHIP_EXPIRY_LIMIT -> MEMBERSHIP_EXPIRY_LIMIT;
            case ORDER_NOT_FOUND -> ORDER_NOT_FOUND;
            case ORDER_ALREADY_PAID -> ORDER_ALREADY_PAID;
            case ORDER_NOT_PAYABLE -> ORDER_NOT_PAYABLE;
            case ORDER_NOT_CANCELLABLE -> ORDER_NOT_CANCELLABLE;
            case ORDER_NOT_REFUNDABLE -> ORDER_NOT_REFUNDABLE;
            case PAYMENT_IN_PROGRESS -> PAYMENT_IN_PROGRESS;
            case PAYMENT_DECLINED -> PAYMENT_DECLINED;
            case PAYMENT_CLOSED -> PAYMENT_CLOSED;
            case PAYMENT_NOT_FOUND -> PAYMENT_NOT_FOUND;
            case REFUND_EXCEEDS_PAID -> REFUND_EXCEEDS_PAID;
            case REFUND_DECLINED -> REFUND_DECLINED;
            case CHANNEL_NOT_FOUND -> CHANNEL_NOT_FOUND;
            case CHANNEL_UNAVAILABLE -> CHANNEL_UNAVAILABLE;
            case MONEY_EXCEPTION_NOT_FOUND -> MONEY_EXCEPTION_NOT_FOUND;
            case MONEY_EXCEPTION_NOT_OPEN -> MONEY_EXCEPTION_NOT_OPEN;
            case BILL_NOT_AVAILABLE -> BILL_NOT_AVAILABLE;
            case BILL_UNREADABLE -> BILL_UNREADABLE;
            case SYSTEM_EXISTS -> SYSTEM_EXISTS;
            case SYSTEM_NOT_FOUND -> NOT_FOUND;
            case IDEMPOTENCY_KEY_MISSING -> IDEMPOTENCY_KEY_MISSING;
            case IDEMPOTENCY_KEY_INVALID -> IDEMPOTENCY_KEY_INVALID;
            case IDEMPOTENCY_KEY_IN_USE -> IDEMPOTENCY_KEY_IN_USE;
            case IDEMPOTENCY_KEY_REUSED -> IDEMPOTENCY_KEY_REUSED;
            case SUBMIT_TOKEN_INVALID -> SUBMIT_TOKEN_INVALID;
            case WEBHOOK_URL_NOT_ALLOWED -> WEBHOOK_URL_NOT_ALLOWED;
            case WEBHOOK_ENDPOINT_NOT_FOUND -> WEBHOOK_ENDPOINT_NOT_FOUND;
            case WEBHOOK_EVENT_NOT_FOUND -> WEBHOOK_EVENT_NOT_FOUND;
            case WEBHOOK_ENDPOINT_DISABLED -> WEBHOOK_ENDPOINT_DISABLED;
            case BUSY -> SERVICE_UNAVAILABLE;
        };
    }

    /** Answers a client should retry after a pause carry {@code Retry-After}. */
    public boolean retryable() {
        return this == IDEMPOTENCY_KEY_IN_USE || this == RATE_LIMITED || this == SERVICE_UNAVAILABLE || this == CHANNEL_UNAVAILABLE
                || this == RESERVATION_LIMIT || this == LOGIN_LOCKED;
    }
}
