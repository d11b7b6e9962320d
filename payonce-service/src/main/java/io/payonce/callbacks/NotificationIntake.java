package io.payonce.callbacks;

import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.payments.Reconciliation;
import io.payonce.payments.Settlement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a verified gateway notification: a payment in one transaction; a "closed" one only after
 * asking the gateway (Reconciliation), because a closed trade may also be a fully refunded one.
 */
@Service
public class NotificationIntake {

    private final Settlement settlement;
    private final Reconciliation reconciliation;
    private final TransactionTemplate transactions;

    NotificationIntake(Settlement settlement, Reconciliation reconciliation, TransactionTemplate transactions) {
        this.settlement = settlement;
        this.reconciliation = reconciliation;
        this.transactions = transactions;
    }

    public Settlement.Result apply(String channel, Notification notification) {
        return switch (notification) {
            case Notification.Invalid invalid -> new Settlement.Result(Settlement.Outcome.REJECTED, invalid.reason());
            case Notification.Paid paid -> transactions.execute(tx ->
                    settlement.applyPaid(channel, paid.paymentId(), paid.tradeNo(), paid.amount(), paid.currency()));
            case Notification.Closed closed -> reconciliation.reconcile(channel, closed.paymentId());
            case Notification.Other other -> settlement.knownPayment(channel, other.paymentId());
        };
    }
}
