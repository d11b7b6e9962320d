package io.payonce.shop;

import java.util.Set;

import io.payonce.common.Refusal;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.idempotency.Progress;
import io.payonce.payments.OrderClosing;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/orders/{orderId}/cancel}: closes the order's live trade at the gateway if it has
 * one (no transaction), then closes the order and returns its keys to stock (a transaction).
 * Cancelling is itself repeatable (a cancelled order cancels again as a no-op), so there is no
 * recovery point; the answer is stored after the order is read back.
 */
@Component
public class CancelOrder implements IdempotentOperation<String, OrderDetails> {

    /** An order that was paid or expired cannot be cancelled, now or on any retry. */
    private static final Set<Refusal.Reason> FINAL = Set.of(Refusal.Reason.ORDER_NOT_CANCELLABLE);

    private final OrderClosing closing;
    private final OrderReads reads;

    CancelOrder(OrderClosing closing, OrderReads reads) {
        this.closing = closing;
        this.reads = reads;
    }

    @Override
    public String name() {
        return "POST /v1/orders/{orderId}/cancel";
    }

    @Override
    public Set<Refusal.Reason> finalRefusals() {
        return FINAL;
    }

    @Override
    public OrderDetails run(String orderId, Progress<OrderDetails> progress) {
        return reads.withoutDelivery(closing.cancel(orderId));
    }
}
