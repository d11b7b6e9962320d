package io.payonce.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.payonce.reconcile.GatewayBill.Kind;
import io.payonce.reconcile.Mismatch.Repair;
import io.payonce.reconcile.PayonceRows.ExceptionRow;
import io.payonce.reconcile.PayonceRows.PaymentRow;
import io.payonce.reconcile.PayonceRows.RefundRow;

/**
 * Holds each line of the gateway's bill against payonce's row of the same id (out_trade_no is
 * payonce's paymentId, out_request_no its refundId), and lists payonce's charges and refunds of the
 * day that the bill does not name. Pure: no database, no gateway; whether an unbilled row is truly
 * missing at the gateway is for the caller to ask the gateway (it may sit on the next day's bill).
 */
final class BillComparison {

    /** The mismatches found in the bill, and payonce's rows of the day the bill does not name. */
    record Result(List<Mismatch> mismatches, List<PaymentRow> unbilledPayments, List<RefundRow> unbilledRefunds) {
    }

    private BillComparison() {
    }

    static Result compare(GatewayBill bill, Map<String, PaymentRow> payments, Map<String, RefundRow> refunds,
                          List<PaymentRow> payonceDayPayments, List<RefundRow> payonceDayRefunds) {
        return compare(bill, payments, refunds, Map.of(), Map.of(), payonceDayPayments, payonceDayRefunds);
    }

    /**
     * @param chargeExceptions money exceptions payonce recorded about charges, by payment id
     * @param refundExceptions money exceptions by the id of payonce's own refund of them
     */
    static Result compare(GatewayBill bill, Map<String, PaymentRow> payments, Map<String, RefundRow> refunds,
                          Map<String, ExceptionRow> chargeExceptions, Map<String, ExceptionRow> refundExceptions,
                          List<PaymentRow> payonceDayPayments, List<RefundRow> payonceDayRefunds) {
        List<Mismatch> mismatches = new ArrayList<>();
        Set<String> billedPayments = new HashSet<>();
        Set<String> billedRefunds = new HashSet<>();
        for (GatewayBill.Line line : bill.lines()) {
            boolean first = line.kind() == Kind.PAYMENT ? billedPayments.add(line.paymentId()) : billedRefunds.add(line.refundId());
            Mismatch mismatch = !first
                    ? mismatch(Mismatch.Kind.STATUS_DIFFERS, line, null, null, "the gateway's bill lists it twice", Repair.NOT_SAFE)
                    : line.kind() == Kind.PAYMENT ? payment(line, payments.get(line.paymentId()), chargeExceptions.get(line.paymentId()))
                    : refund(line, refunds.get(line.refundId()), refundExceptions.get(line.refundId()));
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        return new Result(mismatches,
                payonceDayPayments.stream().filter(row -> !billedPayments.contains(row.id())).toList(),
                payonceDayRefunds.stream().filter(row -> !billedRefunds.contains(row.id())).toList());
    }

    private static Mismatch payment(GatewayBill.Line line, PaymentRow row, ExceptionRow exception) {
        Mismatch mismatch = payment(line, row);
        return mismatch == null || exception == null || mismatch.repair() != Repair.NOT_SAFE ? mismatch : recorded(mismatch, exception);
    }

    private static Mismatch payment(GatewayBill.Line line, PaymentRow row) {
        if (row == null) {
            return mismatch(Mismatch.Kind.MISSING_IN_PAYONCE, line, null, null,
                    "the gateway charged a trade payonce has no payment for", Repair.NOT_SAFE);
        }
        if (row.amount() != line.amount()) {
            return mismatch(Mismatch.Kind.AMOUNT_DIFFERS, line, row.amount(), row.status().name(),
                    "the gateway charged another amount than payonce asked for", Repair.NOT_SAFE);
        }
        if (row.tradeNo() != null && !row.tradeNo().equals(line.tradeNo())) {
            return mismatch(Mismatch.Kind.STATUS_DIFFERS, line, row.amount(), row.status().name(),
                    "payonce recorded trade " + row.tradeNo() + " for this payment", Repair.NOT_SAFE);
        }
        return switch (row.status()) {
            case SUCCEEDED -> null;
            case PENDING, UNKNOWN -> row.orderClosed()
                    ? mismatch(Mismatch.Kind.MISSING_IN_PAYONCE, line, row.amount(), row.status().name(),
                    "the gateway charged a payment of an order payonce closed (" + row.orderStatus() + "); the buyer must be refunded",
                    Repair.NOT_SAFE)
                    : mismatch(Mismatch.Kind.MISSING_IN_PAYONCE, line, row.amount(), row.status().name(),
                    "the gateway charged it and payonce has not settled it", Repair.REPAIRABLE);
            case FAILED -> mismatch(Mismatch.Kind.STATUS_DIFFERS, line, row.amount(), row.status().name(),
                    "the gateway charged a payment payonce failed (a charge on a closed trade); the buyer must be refunded",
                    Repair.NOT_SAFE);
        };
    }

    /**
     * A refund payonce made of a money exception (a charge it never meant to take) is booked on the
     * exception, not among the refunds: it is payonce's own, and matches once the exception says it went back.
     */
    private static Mismatch refund(GatewayBill.Line line, RefundRow row, ExceptionRow exception) {
        boolean ownRefund = row == null && exception != null && exception.paymentId().equals(line.paymentId())
                && exception.amount() == line.amount();
        if (!ownRefund) {
            return refund(line, row);
        }
        if ("SUCCEEDED".equals(exception.autoRefund())) {
            return null;
        }
        return recorded(mismatch(Mismatch.Kind.MISSING_IN_PAYONCE, line, exception.amount(), exception.autoRefund(),
                "the gateway made payonce's own refund of a money exception, which payonce has not booked yet", Repair.NOT_SAFE), exception);
    }

    private static Mismatch recorded(Mismatch mismatch, ExceptionRow exception) {
        return mismatch.repaired(exception.settled() ? Repair.ACCOUNTED : Repair.RECORDED, "recorded as " + exception.describe());
    }

    private static Mismatch refund(GatewayBill.Line line, RefundRow row) {
        if (row == null || !Objects.equals(row.paymentId(), line.paymentId())) {
            return mismatch(Mismatch.Kind.MISSING_IN_PAYONCE, line, null, null,
                    row == null ? "the gateway refunded with a request number payonce has no refund for"
                            : "payonce's refund of this number belongs to payment " + row.paymentId(), Repair.NOT_SAFE);
        }
        if (row.amount() != line.amount()) {
            return mismatch(Mismatch.Kind.AMOUNT_DIFFERS, line, row.amount(), row.status().name(),
                    "the gateway refunded another amount than payonce asked for", Repair.NOT_SAFE);
        }
        return switch (row.status()) {
            case SUCCEEDED -> null;
            case PENDING -> mismatch(Mismatch.Kind.MISSING_IN_PAYONCE, line, row.amount(), row.status().name(),
                    "the gateway refunded it and payonce still has the refund pending", Repair.REPAIRABLE);
            case FAILED -> mismatch(Mismatch.Kind.STATUS_DIFFERS, line, row.amount(), row.status().name(),
                    "the gateway refunded what payonce recorded as failed and gave back to the order", Repair.NOT_SAFE);
        };
    }

    private static Mismatch mismatch(Mismatch.Kind kind, GatewayBill.Line line, Long payonceAmount, String payonceStatus,
                                     String detail, Repair repair) {
        return new Mismatch(kind, line.kind(), line.paymentId(), line.refundId(), line.tradeNo(), line.amount(),
                payonceAmount, payonceStatus, detail, repair, repair == Repair.REPAIRABLE ? "run with repair to settle it" : null);
    }
}
