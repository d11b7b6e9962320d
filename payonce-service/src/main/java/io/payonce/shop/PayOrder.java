package io.payonce.shop;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannels;
import io.payonce.common.Refusal;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.idempotency.Progress;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import io.payonce.payments.Payment;
import io.payonce.payments.PaymentService;
import io.payonce.payments.PaymentStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/orders/{orderId}/payments}: opens a payment attempt and its gateway trade.
 *
 * <ol>
 *   <li><b>open</b> (transaction): lock the order, insert a PENDING attempt; recovery point
 *       {@value #PAYMENT_OPENED} = the paymentId. An attempt another key opened is answered as is.</li>
 *   <li><b>trade</b> (gateway, no transaction): open the trade, keyed by the paymentId, so a resumed
 *       attempt finds its trade instead of opening a second one.</li>
 *   <li><b>record</b> (transaction): record the gateway's answer; the answer is stored with it.</li>
 * </ol>
 * A retry that finds {@value #PAYMENT_OPENED} skips phase 1 and, when the attempt was settled
 * meanwhile, answers what it became.
 */
@Component
public class PayOrder implements IdempotentOperation<PayOrder.Command, Payment> {

    static final String PAYMENT_OPENED = "payment_opened";

    /** The refusals that are this request's answer for good: the order's state or the gateway's word. */
    private static final Set<Refusal.Reason> FINAL = Set.of(
            Refusal.Reason.ORDER_ALREADY_PAID, Refusal.Reason.ORDER_NOT_PAYABLE, Refusal.Reason.PAYMENT_IN_PROGRESS,
            Refusal.Reason.PAYMENT_DECLINED, Refusal.Reason.PAYMENT_CLOSED);

    /** A payment of one order through one channel. */
    public record Command(String orderId, String channel) {
    }

    private final PaymentService payments;
    private final Orders orders;
    private final TransactionTemplate transactions;

    PayOrder(PaymentService payments, Orders orders, TransactionTemplate transactions) {
        this.payments = payments;
        this.orders = orders;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "POST /v1/orders/{orderId}/payments";
    }

    @Override
    public Set<Refusal.Reason> finalRefusals() {
        return FINAL;
    }

    /** An abandoned key past {@value #PAYMENT_OPENED} is finished from its attempt, which holds the order and the channel asked for. */
    @Override
    public java.util.Optional<Command> resumeCommand(String recoveryPoint, String recoveryRef) {
        if (!PAYMENT_OPENED.equals(recoveryPoint)) {
            return java.util.Optional.empty();
        }
        Payment payment = payments.find(recoveryRef);
        return java.util.Optional.of(new Command(payment.orderId(), payment.requestedChannel()));
    }

    @Override
    public Payment run(Command command, Progress<Payment> progress) {
        Payment payment;
        if (PAYMENT_OPENED.equals(progress.recoveryPoint())) {
            payment = payments.find(progress.recoveryRef());
            if (payment.status() != PaymentStatus.PENDING || payment.tradeNo() != null) {
                return answer(payment, progress);
            }
        } else {
            PaymentService.Opened opened = transactions.execute(tx -> open(command, progress));
            if (opened instanceof PaymentService.Opened.Existing existing) {
                return answer(existing.payment(), progress);
            }
            payment = ((PaymentService.Opened.Fresh) opened).payment();
        }
        // The gateway must not take money after the order expires: its trade ends when the order does.
        Instant payBy = transactions.execute(tx -> orders.find(payment.orderId()).map(Order::expiresAt).orElse(null));
        TradeOutcome outcome = payments.openTrade(payment, payment.orderId(), payBy);
        Payment recorded = transactions.execute(tx -> completeUnlessFailed(payments.recordTrade(payment, outcome), progress));
        if (outcome instanceof TradeOutcome.Created && recorded.status() == PaymentStatus.FAILED) {
            // A cancel or expiry closed this attempt while its trade was being opened: the trade
            // it could not see must not stay payable for an order that is gone.
            payments.channel(recorded.channel()).closeTrade(recorded.id());
        }
        return refuseIfFailed(recorded);
    }

    private PaymentService.Opened open(Command command, Progress<Payment> progress) {
        PaymentService.Opened opened = payments.open(command.orderId(), command.channel());
        if (opened instanceof PaymentService.Opened.Fresh fresh) {
            progress.checkpoint(PAYMENT_OPENED, fresh.payment().id());
        }
        return opened;
    }

    /**
     * A failed attempt is refused (stored as final, after the transaction that failed it): declined
     * by the gateway, or closed because the order was cancelled or expired meanwhile. A retry that
     * resumes derives the same answer from the same attempt.
     */
    private Payment answer(Payment payment, Progress<Payment> progress) {
        return refuseIfFailed(transactions.execute(tx -> completeUnlessFailed(payment, progress)));
    }

    /** Stores a live or succeeded attempt as the answer, in the caller's transaction. */
    private static Payment completeUnlessFailed(Payment payment, Progress<Payment> progress) {
        return payment.status() == PaymentStatus.FAILED ? payment : progress.complete(payment);
    }

    private Payment refuseIfFailed(Payment payment) {
        if (payment.status() != PaymentStatus.FAILED) {
            return payment;
        }
        Map<String, Object> facts = Map.of("paymentId", payment.id(), "orderId", payment.orderId());
        OrderStatus orderStatus = orders.find(payment.orderId()).orElseThrow().status();
        if (orderStatus.terminal()) {
            throw new Refusal(Refusal.Reason.PAYMENT_CLOSED, "The order was " + orderStatus
                    + " while this payment was being opened; it can no longer be paid", facts);
        }
        if (PaymentChannels.BREAKER_OPEN.equals(payment.failureCode())) {
            throw new Refusal(Refusal.Reason.PAYMENT_DECLINED, "The " + payment.channel()
                    + " channel is unavailable (too many failed calls) and no fallback channel is; the order can be paid again", facts);
        }
        throw new Refusal(Refusal.Reason.PAYMENT_DECLINED,
                "The " + payment.channel() + " gateway declined the payment; the order can be paid again", facts);
    }
}
