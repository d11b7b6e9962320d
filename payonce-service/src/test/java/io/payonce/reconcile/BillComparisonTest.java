package io.payonce.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.payonce.orders.OrderStatus;
import io.payonce.payments.PaymentStatus;
import io.payonce.payments.RefundStatus;
import io.payonce.reconcile.GatewayBill.Kind;
import io.payonce.reconcile.PayonceRows.ExceptionRow;
import io.payonce.reconcile.PayonceRows.PaymentRow;
import io.payonce.reconcile.PayonceRows.RefundRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every way one bill line and payonce's row of the same id can stand to each other, and what the comparison says. */
class BillComparisonTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final LocalDateTime AT = DAY.atTime(12, 0);
    private static final GatewayBill.Line CHARGE = new GatewayBill.Line(Kind.PAYMENT, "T1", "pay_1", null, 1000, AT);
    private static final GatewayBill.Line REFUND = new GatewayBill.Line(Kind.REFUND, "T1", "pay_1", "ref_1", 400, AT);

    static Stream<Arguments> charges() {
        return Stream.of(
                Arguments.of(null, "MISSING_IN_PAYONCE NOT_SAFE"),
                Arguments.of(payment(PaymentStatus.SUCCEEDED, 1000, "T1", OrderStatus.DELIVERED), null),
                Arguments.of(payment(PaymentStatus.SUCCEEDED, 1000, null, OrderStatus.DELIVERED), null),
                Arguments.of(payment(PaymentStatus.SUCCEEDED, 999, "T1", OrderStatus.DELIVERED), "AMOUNT_DIFFERS NOT_SAFE"),
                Arguments.of(payment(PaymentStatus.SUCCEEDED, 1000, "T2", OrderStatus.DELIVERED), "STATUS_DIFFERS NOT_SAFE"),
                Arguments.of(payment(PaymentStatus.PENDING, 1000, "T1", OrderStatus.PENDING_PAYMENT), "MISSING_IN_PAYONCE REPAIRABLE"),
                Arguments.of(payment(PaymentStatus.UNKNOWN, 1000, null, OrderStatus.PENDING_PAYMENT), "MISSING_IN_PAYONCE REPAIRABLE"),
                Arguments.of(payment(PaymentStatus.PENDING, 1000, "T1", OrderStatus.CANCELLED), "MISSING_IN_PAYONCE NOT_SAFE"),
                Arguments.of(payment(PaymentStatus.UNKNOWN, 1000, "T1", OrderStatus.EXPIRED), "MISSING_IN_PAYONCE NOT_SAFE"),
                Arguments.of(payment(PaymentStatus.FAILED, 1000, "T1", OrderStatus.CANCELLED), "STATUS_DIFFERS NOT_SAFE"),
                Arguments.of(payment(PaymentStatus.FAILED, 1000, "T1", OrderStatus.PENDING_PAYMENT), "STATUS_DIFFERS NOT_SAFE"));
    }

    @ParameterizedTest
    @MethodSource("charges")
    void a_billed_charge_against_payonces_payment(PaymentRow row, String expected) {
        Map<String, PaymentRow> rows = row == null ? Map.of() : Map.of("pay_1", row);
        BillComparison.Result result = BillComparison.compare(bill(CHARGE), rows, Map.of(), List.of(), List.of());

        assertThat(summary(result)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
    }

    static Stream<Arguments> refunds() {
        return Stream.of(
                Arguments.of(refund("pay_1", RefundStatus.SUCCEEDED, 400), List.of()),
                Arguments.of(refund("pay_1", RefundStatus.PENDING, 400), List.of("MISSING_IN_PAYONCE REPAIRABLE")),
                Arguments.of(refund("pay_1", RefundStatus.FAILED, 400), List.of("STATUS_DIFFERS NOT_SAFE")),
                Arguments.of(refund("pay_1", RefundStatus.SUCCEEDED, 401), List.of("AMOUNT_DIFFERS NOT_SAFE")),
                Arguments.of(refund("pay_1", RefundStatus.PENDING, 401), List.of("AMOUNT_DIFFERS NOT_SAFE")),
                Arguments.of(refund("pay_2", RefundStatus.SUCCEEDED, 400), List.of("MISSING_IN_PAYONCE NOT_SAFE")));
    }

    @ParameterizedTest
    @MethodSource("refunds")
    void a_billed_refund_against_payonces_refund(RefundRow row, List<String> expected) {
        BillComparison.Result result = BillComparison.compare(bill(REFUND), Map.of(), Map.of("ref_1", row), List.of(), List.of());

        assertThat(summary(result)).containsExactlyElementsOf(expected);
    }

    @Test
    void a_refund_payonce_never_asked_for_cannot_be_repaired() {
        assertThat(summary(BillComparison.compare(bill(REFUND), Map.of(), Map.of(), List.of(), List.of())))
                .containsExactly("MISSING_IN_PAYONCE NOT_SAFE");
    }

    @Test
    void a_line_billed_twice_is_a_mismatch_of_its_own() {
        PaymentRow paid = payment(PaymentStatus.SUCCEEDED, 1000, "T1", OrderStatus.DELIVERED);

        assertThat(summary(BillComparison.compare(bill(CHARGE, CHARGE), Map.of("pay_1", paid), Map.of(), List.of(), List.of())))
                .containsExactly("STATUS_DIFFERS NOT_SAFE");
    }

    @Test
    void payonces_rows_of_the_day_the_bill_does_not_name_are_left_for_the_gateway_to_confirm() {
        PaymentRow billed = payment(PaymentStatus.SUCCEEDED, 1000, "T1", OrderStatus.DELIVERED);
        PaymentRow unbilled = new PaymentRow("pay_9", "ord_9", "alipay", PaymentStatus.SUCCEEDED, 500, "T9", OrderStatus.DELIVERED);
        RefundRow billedRefund = refund("pay_1", RefundStatus.SUCCEEDED, 400);
        RefundRow unbilledRefund = new RefundRow("ref_9", "pay_9", "alipay", RefundStatus.SUCCEEDED, 100);

        BillComparison.Result result = BillComparison.compare(bill(CHARGE, REFUND), Map.of("pay_1", billed),
                Map.of("ref_1", billedRefund), List.of(billed, unbilled), List.of(billedRefund, unbilledRefund));

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.unbilledPayments()).containsExactly(unbilled);
        assertThat(result.unbilledRefunds()).containsExactly(unbilledRefund);
    }

    @Test
    void a_charge_on_a_failed_payment_that_payonce_recorded_as_a_money_exception_is_shown_with_it_and_remains_until_refunded() {
        PaymentRow failed = payment(PaymentStatus.FAILED, 1000, "T1", OrderStatus.CANCELLED);
        ExceptionRow open = new ExceptionRow("mx_1", "pay_1", "OPEN", "PENDING", "ref_mx_1", 1000);
        ExceptionRow refunded = new ExceptionRow("mx_1", "pay_1", "REFUNDED", "SUCCEEDED", "ref_mx_1", 1000);

        Mismatch recorded = BillComparison.compare(bill(CHARGE), Map.of("pay_1", failed), Map.of(), Map.of("pay_1", open), Map.of(),
                List.of(), List.of()).mismatches().getFirst();
        Mismatch accounted = BillComparison.compare(bill(CHARGE), Map.of("pay_1", failed), Map.of(), Map.of("pay_1", refunded), Map.of(),
                List.of(), List.of()).mismatches().getFirst();

        assertThat(recorded.kind()).isEqualTo(Mismatch.Kind.STATUS_DIFFERS);
        assertThat(recorded.repair()).isEqualTo(Mismatch.Repair.RECORDED);
        assertThat(recorded.remains()).isTrue();
        assertThat(recorded.repairDetail()).contains("mx_1").contains("OPEN");
        assertThat(accounted.repair()).isEqualTo(Mismatch.Repair.ACCOUNTED);
        assertThat(accounted.remains()).isFalse();
    }

    @Test
    void payonces_own_refund_of_a_money_exception_matches_once_booked_there_and_is_recorded_until_then() {
        GatewayBill.Line ownRefund = new GatewayBill.Line(Kind.REFUND, "T1", "pay_1", "ref_mx_1", 1000, AT);
        ExceptionRow pending = new ExceptionRow("mx_1", "pay_1", "OPEN", "PENDING", "ref_mx_1", 1000);
        ExceptionRow done = new ExceptionRow("mx_1", "pay_1", "REFUNDED", "SUCCEEDED", "ref_mx_1", 1000);
        ExceptionRow otherAmount = new ExceptionRow("mx_1", "pay_1", "REFUNDED", "SUCCEEDED", "ref_mx_1", 999);

        assertThat(summary(BillComparison.compare(bill(ownRefund), Map.of(), Map.of(), Map.of(), Map.of("ref_mx_1", done),
                List.of(), List.of()))).isEmpty();
        assertThat(summary(BillComparison.compare(bill(ownRefund), Map.of(), Map.of(), Map.of(), Map.of("ref_mx_1", pending),
                List.of(), List.of()))).containsExactly("MISSING_IN_PAYONCE RECORDED");
        assertThat(summary(BillComparison.compare(bill(ownRefund), Map.of(), Map.of(), Map.of(), Map.of("ref_mx_1", otherAmount),
                List.of(), List.of()))).containsExactly("MISSING_IN_PAYONCE NOT_SAFE");
    }

    private static GatewayBill bill(GatewayBill.Line... lines) {
        return new GatewayBill(DAY, List.of(lines));
    }

    private static PaymentRow payment(PaymentStatus status, long amount, String tradeNo, OrderStatus order) {
        return new PaymentRow("pay_1", "ord_1", "alipay", status, amount, tradeNo, order);
    }

    private static RefundRow refund(String paymentId, RefundStatus status, long amount) {
        return new RefundRow("ref_1", paymentId, "alipay", status, amount);
    }

    private static List<String> summary(BillComparison.Result result) {
        return result.mismatches().stream().map(m -> m.kind() + " " + m.repair()).toList();
    }
}
