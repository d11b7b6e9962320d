package io.payonce.common;

import java.util.Map;

/**
 * A business outcome that is not a success (sold out, already paid, declined, refund too large):
 * a value the domain throws, never a bug. It carries no HTTP: the web edge maps each
 * {@link Reason} to a status and a problem {@code code} in one exhaustive switch.
 *
 * <p>Whether a refusal is an idempotent operation's final, stored answer is declared by the
 * operation itself ({@code IdempotentOperation.finalRefusals()}), not here: the same refusal can
 * be final for one operation and a passing condition for another.
 */
public final class Refusal extends RuntimeException {

    /** Why the domain said no. The web edge turns {@code name().toLowerCase()} into the problem's {@code code}. */
    public enum Reason {
        INVALID_REQUEST,
        PRODUCT_NOT_FOUND,
        SKU_EXISTS,
        WRONG_PRODUCT_KIND,
        SOLD_OUT,
        /** Unpaid orders of this buyer, address or product already hold as many units as allowed (issue 13). */
        RESERVATION_LIMIT,
        /** A membership order whose days would carry the buyer past the furthest expiry granted. */
        MEMBERSHIP_EXPIRY_LIMIT,
        ORDER_NOT_FOUND,
        ORDER_ALREADY_PAID,
        ORDER_NOT_PAYABLE,
        ORDER_NOT_CANCELLABLE,
        ORDER_NOT_REFUNDABLE,
        PAYMENT_IN_PROGRESS,
        PAYMENT_DECLINED,
        /** The attempt's trade was closed by a cancel or the expiry while it was being opened: the order is gone. */
        PAYMENT_CLOSED,
        PAYMENT_NOT_FOUND,
        REFUND_EXCEEDS_PAID,
        REFUND_DECLINED,
        CHANNEL_NOT_FOUND,
        CHANNEL_UNAVAILABLE,
        /** No money exception with this id. */
        MONEY_EXCEPTION_NOT_FOUND,
        /** The money exception was refunded or resolved already: only an OPEN one can be resolved. */
        MONEY_EXCEPTION_NOT_OPEN,
        /** The channel offers no bill payonce can reconcile against (WeChat Pay's, for now). */
        BILL_NOT_AVAILABLE,
        /** The gateway's bill is damaged, cut short, too large or not in its documented layout. */
        BILL_UNREADABLE,
        SYSTEM_EXISTS,
        SYSTEM_NOT_FOUND,
        IDEMPOTENCY_KEY_MISSING,
        IDEMPOTENCY_KEY_INVALID,
        IDEMPOTENCY_KEY_IN_USE,
        IDEMPOTENCY_KEY_REUSED,
        /** A Submit-Token that is unknown, expired before its first use, or another caller's (issue 10). */
        SUBMIT_TOKEN_INVALID,
        /** Merchant webhooks (issue 10): a URL payonce will not post to, unknown ids, a disabled endpoint. */
        WEBHOOK_URL_NOT_ALLOWED,
        WEBHOOK_ENDPOINT_NOT_FOUND,
        WEBHOOK_EVENT_NOT_FOUND,
        WEBHOOK_ENDPOINT_DISABLED,
        /** Something the request needs is briefly unavailable (the database, a settling payment): retry shortly. */
        BUSY
    }

    private final Reason reason;
    private final transient Map<String, Object> facts;

    public Refusal(Reason reason, String detail) {
        this(reason, detail, Map.of());
    }

    /** {@code facts} are ids a client can act on (the live paymentId, the refundId); never a secret. */
    public Refusal(Reason reason, String detail, Map<String, Object> facts) {
        super(detail, null, false, false);
        this.reason = reason;
        this.facts = Map.copyOf(facts);
    }

    public Reason reason() {
        return reason;
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
