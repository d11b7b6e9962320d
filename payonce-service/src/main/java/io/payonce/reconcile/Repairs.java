package io.payonce.reconcile;

import java.util.ArrayList;
import java.util.List;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundQuery;
import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.payments.Reconciliation;
import io.payonce.payments.Refund;
import io.payonce.payments.RefundService;
import io.payonce.payments.RefundStatus;
import io.payonce.payments.Settlement;
import io.payonce.reconcile.Mismatch.Repair;
import io.payonce.reconcile.PayonceRows.PaymentRow;
import io.payonce.reconcile.PayonceRows.RefundRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gateway questions a reconciliation asks after reading the bill, and its repairs. A repair is
 * only ever what payonce's normal path would do with the gateway's own answer: a charge payonce
 * missed is settled by {@link Reconciliation} (query the trade, apply it, exactly as for a late
 * notification), a refund still pending is booked from the gateway's refund query, as the refund's
 * own retry would book it. Nothing is written from the bill alone.
 */
@Component
class Repairs {

    private static final Logger log = LoggerFactory.getLogger(Repairs.class);

    private final Reconciliation reconciliation;
    private final RefundService refunds;
    private final TransactionTemplate transactions;

    Repairs(Reconciliation reconciliation, RefundService refunds, TransactionTemplate transactions) {
        this.reconciliation = reconciliation;
        this.refunds = refunds;
        this.transactions = transactions;
    }

    /**
     * payonce's charges and refunds of the day that the bill does not name: each is asked of the
     * gateway, because one booked just before midnight by the gateway and just after by payonce sits
     * on the previous day's bill. Only what the gateway does not confirm is a mismatch.
     */
    List<Mismatch> confirmUnbilled(PaymentChannel gateway, List<PaymentRow> payments, List<RefundRow> refundRows,
                                   DailyReconciliation.Calls calls) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (PaymentRow row : payments) {
            Mismatch mismatch = calls.take() ? confirmPayment(gateway, row) : unbilledPayment(row, Mismatch.Kind.MISSING_AT_GATEWAY, null,
                    "not on the bill, and not asked of the gateway in this run (too many); run again");
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        for (RefundRow row : refundRows) {
            Mismatch mismatch = calls.take() ? confirmRefund(gateway, row) : unbilledRefund(row, Mismatch.Kind.MISSING_AT_GATEWAY, null,
                    "not on the bill, and not asked of the gateway in this run (too many); run again");
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        return mismatches;
    }

    private Mismatch confirmPayment(PaymentChannel gateway, PaymentRow row) {
        return switch (queryTrade(gateway, row.id())) {
            case TradeStatus.Paid paid when paid.amount() == row.amount() -> null;
            case TradeStatus.Paid paid -> unbilledPayment(row, Mismatch.Kind.AMOUNT_DIFFERS, paid.amount(),
                    "not on the bill; the gateway's query says it was paid another amount");
            case TradeStatus.Unknown unknown -> unbilledPayment(row, Mismatch.Kind.MISSING_AT_GATEWAY, null,
                    "not on the bill, and the gateway's query did not answer (" + unknown.reason() + "); run again");
            case TradeStatus other -> unbilledPayment(row, Mismatch.Kind.MISSING_AT_GATEWAY, null,
                    "payonce booked this charge; the bill does not list it and the gateway's query says " + describe(other));
        };
    }

    private Mismatch confirmRefund(PaymentChannel gateway, RefundRow row) {
        return switch (queryRefund(gateway, row.paymentId(), row.id())) {
            case RefundQuery.Succeeded done when done.amount() == row.amount() -> null;
            case RefundQuery.Succeeded done -> unbilledRefund(row, Mismatch.Kind.AMOUNT_DIFFERS, done.amount(),
                    "not on the bill; the gateway's refund query says another amount went back");
            case RefundQuery.Processing processing -> unbilledRefund(row, Mismatch.Kind.STATUS_DIFFERS, null,
                    "payonce booked this refund; the gateway is still processing it");
            case RefundQuery.Failed failed -> unbilledRefund(row, Mismatch.Kind.STATUS_DIFFERS, null,
                    "payonce booked this refund; the gateway refused it (" + failed.reason() + ")");
            case RefundQuery.NotFound notFound -> unbilledRefund(row, Mismatch.Kind.MISSING_AT_GATEWAY, null,
                    "payonce booked this refund; the gateway has no refund of this number");
            case RefundQuery.Unknown unknown -> unbilledRefund(row, Mismatch.Kind.MISSING_AT_GATEWAY, null,
                    "not on the bill, and the gateway's refund query did not answer (" + unknown.reason() + "); run again");
        };
    }

    /** Settles a REPAIRABLE mismatch through the normal path; anything else is left as it is. */
    Mismatch repair(PaymentChannel gateway, Mismatch mismatch, DailyReconciliation.Calls calls) {
        if (!calls.take()) {
            return mismatch.repaired(Repair.REPAIRABLE, "not repaired in this run (too many gateway calls); run again");
        }
        try {
            return mismatch.what() == GatewayBill.Kind.PAYMENT ? settleCharge(gateway, mismatch) : settleRefund(gateway, mismatch);
        } catch (RuntimeException e) {
            log.warn("Repair of {} payment={} refund={} failed: {}", gateway.name(), mismatch.paymentId(), mismatch.refundId(),
                    e.getClass().getSimpleName());
            return mismatch.repaired(Repair.FAILED, "the repair failed (" + e.getClass().getSimpleName() + "); run again");
        }
    }

    private Mismatch settleCharge(PaymentChannel gateway, Mismatch mismatch) {
        Settlement.Result result = reconciliation.reconcile(gateway.name(), mismatch.paymentId());
        return switch (result.outcome()) {
            case APPLIED, ALREADY_APPLIED -> mismatch.repaired(Repair.REPAIRED,
                    "settled from the gateway's trade query, as a late notification would" + (result.reason() == null ? "" : ": " + result.reason()));
            case IGNORED, REJECTED -> mismatch.repaired(Repair.FAILED,
                    "the gateway's trade query did not settle it (" + result.outcome() + ": " + result.reason() + ")");
        };
    }

    private Mismatch settleRefund(PaymentChannel gateway, Mismatch mismatch) {
        RefundQuery answer = queryRefund(gateway, mismatch.paymentId(), mismatch.refundId());
        if (!(answer instanceof RefundQuery.Succeeded done) || done.amount() != mismatch.gatewayAmount()) {
            return mismatch.repaired(Repair.FAILED, "the gateway's refund query did not confirm it: " + describe(answer));
        }
        Refund booked = transactions.execute(tx -> refunds.record(refunds.find(mismatch.refundId()),
                new RefundOutcome.Succeeded(done.channelRefundNo())));
        return booked.status() == RefundStatus.SUCCEEDED
                ? mismatch.repaired(Repair.REPAIRED, "booked from the gateway's refund query, as the refund's retry would")
                : mismatch.repaired(Repair.FAILED, "the refund was settled as " + booked.status() + " meanwhile");
    }

    private static TradeStatus queryTrade(PaymentChannel gateway, String paymentId) {
        try {
            return gateway.queryTrade(paymentId);
        } catch (RuntimeException e) {
            return new TradeStatus.Unknown(e.getClass().getSimpleName());
        }
    }

    private static RefundQuery queryRefund(PaymentChannel gateway, String paymentId, String refundId) {
        try {
            return gateway.queryRefund(paymentId, refundId);
        } catch (RuntimeException e) {
            return new RefundQuery.Unknown(e.getClass().getSimpleName());
        }
    }

    private static String describe(Object answer) {
        return switch (answer) {
            case TradeStatus.Waiting waiting -> "the trade is still waiting for the buyer";
            case TradeStatus.Closed closed -> "the trade was closed unpaid";
            case TradeStatus.NotFound notFound -> "it has no such trade";
            case RefundQuery.NotFound notFound -> "it has no refund of this number";
            case RefundQuery.Processing processing -> "the refund is still processing";
            case RefundQuery.Failed failed -> "the refund failed (" + failed.reason() + ")";
            case RefundQuery.Unknown unknown -> "no answer (" + unknown.reason() + ")";
            case RefundQuery.Succeeded done -> "another amount (" + done.amount() + ")";
            default -> answer.getClass().getSimpleName();
        };
    }

    private static Mismatch unbilledPayment(PaymentRow row, Mismatch.Kind kind, Long gatewayAmount, String detail) {
        return new Mismatch(kind, GatewayBill.Kind.PAYMENT, row.id(), null, row.tradeNo(), gatewayAmount, row.amount(),
                row.status().name(), detail, Repair.NOT_SAFE, null);
    }

    private static Mismatch unbilledRefund(RefundRow row, Mismatch.Kind kind, Long gatewayAmount, String detail) {
        return new Mismatch(kind, GatewayBill.Kind.REFUND, row.paymentId(), row.id(), null, gatewayAmount, row.amount(),
                row.status().name(), detail, Repair.NOT_SAFE, null);
    }
}
