package io.payonce.web;

import org.springframework.http.HttpStatus;

/**
 * Every business rejection payonce answers, with its HTTP status. The {@link #code()} is the
 * stable snake_case {@code code} of the problem+json body, so renaming a constant breaks clients.
 */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    IDEMPOTENCY_KEY_MISSING(HttpStatus.BAD_REQUEST, "Idempotency-Key header missing"),
    IDEMPOTENCY_KEY_INVALID(HttpStatus.BAD_REQUEST, "Idempotency-Key header invalid"),
    IDEMPOTENCY_KEY_IN_USE(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still running"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused with a different request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Missing or wrong admin token"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "Product not found"),
    SKU_EXISTS(HttpStatus.CONFLICT, "A product with this sku exists"),
    WRONG_PRODUCT_KIND(HttpStatus.CONFLICT, "Operation does not fit the product's kind"),
    SOLD_OUT(HttpStatus.CONFLICT, "Not enough stock"),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "Order not found"),
    ORDER_ALREADY_PAID(HttpStatus.CONFLICT, "Order already paid"),
    ORDER_NOT_PAYABLE(HttpStatus.CONFLICT, "Order cannot be paid"),
    ORDER_NOT_CANCELLABLE(HttpStatus.CONFLICT, "Order cannot be cancelled"),
    ORDER_NOT_REFUNDABLE(HttpStatus.CONFLICT, "Order cannot be refunded"),
    PAYMENT_IN_PROGRESS(HttpStatus.CONFLICT, "Another payment of this order is in progress"),
    PAYMENT_DECLINED(HttpStatus.PAYMENT_REQUIRED, "Payment declined by the channel"),
    REFUND_EXCEEDS_PAID(HttpStatus.CONFLICT, "Refund exceeds the paid amount"),
    REFUND_DECLINED(HttpStatus.BAD_GATEWAY, "Refund declined by the channel"),
    CHANNEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Unknown payment channel"),
    CHANNEL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Payment channel unavailable"),
    TRADE_NOT_OPEN(HttpStatus.CONFLICT, "The gateway trade is no longer open"),
    PAYMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Payment not found"),
    SYSTEM_EXISTS(HttpStatus.CONFLICT, "A system with this systemId exists"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    CARD_KEY_ROTATION_NEEDS_NEW_KEY(HttpStatus.CONFLICT, "No newer card-key key version to rotate to"),
    CARD_KEY_ROTATION_IN_PROGRESS(HttpStatus.CONFLICT, "A card-key rotation is already running");

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
}
