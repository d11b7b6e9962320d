package io.payonce.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every problem {@code code} payonce answers (docs/openapi.json), as the service's ErrorCode names
 * them. A code this client does not know yet is {@link #UNKNOWN}; {@link ApiException#rawCode()}
 * keeps its text, so a newer server never breaks an older client.
 */
public enum ProblemCode {
    INVALID_REQUEST, MALFORMED_JSON, PAYLOAD_TOO_LARGE, REQUEST_TIMEOUT,
    IDEMPOTENCY_KEY_MISSING, IDEMPOTENCY_KEY_INVALID, IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY_REUSED,
    RATE_LIMITED, NOT_FOUND, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE,
    PRODUCT_NOT_FOUND, SKU_EXISTS, WRONG_PRODUCT_KIND, SOLD_OUT, RESERVATION_LIMIT,
    ORDER_NOT_FOUND, ORDER_ALREADY_PAID, ORDER_NOT_PAYABLE, ORDER_NOT_CANCELLABLE, ORDER_NOT_REFUNDABLE,
    PAYMENT_IN_PROGRESS, PAYMENT_DECLINED, PAYMENT_CLOSED, REFUND_EXCEEDS_PAID, REFUND_DECLINED,
    CHANNEL_NOT_FOUND, CHANNEL_UNAVAILABLE, BILL_NOT_AVAILABLE, BILL_UNREADABLE, TRADE_NOT_OPEN,
    PAYMENT_NOT_FOUND, MONEY_EXCEPTION_NOT_FOUND, MONEY_EXCEPTION_NOT_OPEN, SYSTEM_EXISTS,
    SERVICE_UNAVAILABLE, INTERNAL_ERROR, MEMBERSHIP_EXPIRY_LIMIT, MALFORMED_ENCODING,
    CREDENTIALS_MISSING, CREDENTIALS_INVALID, SCOPE_MISSING, API_KEY_NOT_FOUND,
    CARD_KEY_ROTATION_NEEDS_NEW_KEY, CARD_KEY_ROTATION_IN_PROGRESS,
    /** A code this version of the client does not know. */
    UNKNOWN;

    private static final Map<String, ProblemCode> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProblemCode::wire, Function.identity()));

    /** The code as it travels: {@code sold_out}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of a wire code; {@link #UNKNOWN} for null or a code not listed here. */
    public static ProblemCode of(String wire) {
        return wire == null ? UNKNOWN : BY_WIRE.getOrDefault(wire, UNKNOWN);
    }
}
