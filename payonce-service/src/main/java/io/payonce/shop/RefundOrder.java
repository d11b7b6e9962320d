package io.payonce.shop;

import java.util.Map;
import java.util.Set;

import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.common.Refusal;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.idempotency.Progress;
import io.payonce.payments.Refund;
import io.payonce.payments.RefundService;
import io.payonce.payments.RefundStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/orders/{orderId}/refunds}: refunds part or all of a paid order.
 *
 * <ol>
 *   <li><b>open</b> (transaction): lock the order, set the amount aside, insert a PENDING refund;
 *       recovery point {@value #REFUND_OPENED} = the refundId.</li>
 *   <li><b>ask</b> (gateway, no transaction): the refund, keyed by the refundId, so a resumed
 *       refund cannot pay out twice.</li>
 *   <li><b>record</b> (transaction): book the answer; the answer is stored with it. An unknown
 *       answer stores nothing: the retry resumes and asks again.</li>
 * </ol>
 */
@Component
public class RefundOrder implements IdempotentOperation<RefundOrder.Command, Refund> {

    static final String REFUND_OPENED = "refund_opened";

    private static final Set<Refusal.Reason> FINAL = Set.of(
            Refusal.Reason.ORDER_NOT_REFUNDABLE, Refusal.Reason.REFUND_EXCEEDS_PAID, Refusal.Reason.REFUND_DECLINED);

    /** A refund of {@code amount} minor units of one order. */
    public record Command(String orderId, long amount) {
    }

    private final RefundService refunds;
    private final TransactionTemplate transactions;

    RefundOrder(RefundService refunds, TransactionTemplate transactions) {
        this.refunds = refunds;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "POST /v1/orders/{orderId}/refunds";
    }

    @Override
    public Set<Refusal.Reason> finalRefusals() {
        return FINAL;
    }

    /** An abandoned key past {@value #REFUND_OPENED} is finished from its refund, which holds the order and the amount. */
    @Override
    public java.util.Optional<Command> resumeCommand(String recoveryPoint, String recoveryRef) {
        if (!REFUND_OPENED.equals(recoveryPoint)) {
            return java.util.Optional.empty();
        }
        Refund refund = refunds.find(recoveryRef);
        return java.util.Optional.of(new Command(refund.orderId(), refund.amount()));
    }

    @Override
    public Refund run(Command command, Progress<Refund> progress) {
        Refund refund = REFUND_OPENED.equals(progress.recoveryPoint())
                ? refunds.find(progress.recoveryRef())
                : transactions.execute(tx -> {
                    Refund opened = refunds.open(command.orderId(), command.amount());
                    progress.checkpoint(REFUND_OPENED, opened.id());
                    return opened;
                });
        if (refund.status() != RefundStatus.PENDING) {
            return refuseIfFailed(transactions.execute(tx -> completeUnlessFailed(refund, progress)));
        }
        RefundOutcome outcome = refunds.ask(refund);
        return refuseIfFailed(transactions.execute(tx -> completeUnlessFailed(refunds.record(refund, outcome), progress)));
    }

    /** Stores a succeeded refund as the answer, in the transaction that booked it. */
    private static Refund completeUnlessFailed(Refund refund, Progress<Refund> progress) {
        return refund.status() == RefundStatus.FAILED ? refund : progress.complete(refund);
    }

    /** A declined refund is refused after the transaction that gave its amount back; a resumed retry derives the same. */
    private static Refund refuseIfFailed(Refund refund) {
        if (refund.status() == RefundStatus.FAILED) {
            throw new Refusal(Refusal.Reason.REFUND_DECLINED, "The channel declined the refund",
                    Map.of("refundId", refund.id(), "orderId", refund.orderId()));
        }
        return refund;
    }
}
