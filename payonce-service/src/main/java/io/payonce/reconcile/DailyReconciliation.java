package io.payonce.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.BillDownload;
import io.payonce.channels.PaymentChannels;
import io.payonce.common.Refusal;
import io.payonce.reconcile.Mismatch.Repair;
import io.payonce.reconcile.PayonceRows.PaymentRow;
import io.payonce.reconcile.PayonceRows.RefundRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reconciles one channel's day: downloads the gateway's bill, holds it against payonce's payments
 * and refunds, and, when asked, repairs what is safe to repair through payonce's normal path
 * ({@link Repairs}). Gateway calls (the download, the queries) happen outside any transaction;
 * each repair is a transaction of its own, so a run that stops halfway leaves every repair either
 * done or not begun, and running it again is harmless.
 */
@Service
public class DailyReconciliation {

    /** The gateways' day: Alipay's and WeChat Pay's bills are cut at midnight Beijing time. */
    public static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");
    /** Mismatches listed in one report; the rest are counted. A day with more needs a person, not a longer list. */
    static final int SHOWN_MAX = 1_000;
    /**
     * Gateway calls one run may make to confirm unbilled rows and to repair: each is a round trip,
     * and a run is one admin request. A later run picks up where this one stopped.
     */
    static final int GATEWAY_CALLS_MAX = 1_000;

    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);

    private final PaymentChannels channels;
    private final PayonceRows rows;
    private final Repairs repairs;
    private final Clock clock;
    private final AlipayTradeBillReader alipayReader = new AlipayTradeBillReader(AlipayTradeBillReader.Limits.DEFAULT);

    DailyReconciliation(PaymentChannels channels, PayonceRows rows, Repairs repairs, Clock clock) {
        this.channels = channels;
        this.rows = rows;
        this.repairs = repairs;
        this.clock = clock;
    }

    /** Reconciles {@code channel}'s {@code day} (Beijing time); with {@code repair}, settles what may be settled. */
    public ReconciliationReport reconcile(String channel, LocalDate day, boolean repair) {
        if (day.isAfter(LocalDate.now(clock.withZone(GATEWAY_ZONE)))) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "The date " + day + " has not begun yet in Beijing, the gateways' time zone");
        }
        if (channel.equals("wechat")) {
            throw new Refusal(Refusal.Reason.BILL_NOT_AVAILABLE, "Reconciliation is not supported for wechat yet; alipay is");
        }
        PaymentChannel gateway = channels.find(channel)
                .orElseThrow(() -> new Refusal(Refusal.Reason.CHANNEL_NOT_FOUND, "No payment channel '" + channel + "'"));
        GatewayBill bill = bill(gateway, day);
        BillComparison.Result compared = compare(channel, bill, day);
        List<Mismatch> mismatches = new ArrayList<>(compared.mismatches());
        Calls calls = new Calls();
        mismatches.addAll(repairs.confirmUnbilled(gateway, compared.unbilledPayments(), compared.unbilledRefunds(), calls));
        if (repair) {
            mismatches.replaceAll(mismatch -> mismatch.repair() == Repair.REPAIRABLE ? repairs.repair(gateway, mismatch, calls) : mismatch);
        }
        return report(channel, day, repair, bill, mismatches);
    }

    private GatewayBill bill(PaymentChannel gateway, LocalDate day) {
        return switch (download(gateway, day)) {
            case BillDownload.Ready ready when ready.format().equals(AlipayTradeBillReader.FORMAT) -> read(ready.file(), day);
            case BillDownload.Ready ready -> throw new Refusal(Refusal.Reason.BILL_NOT_AVAILABLE,
                    "Reconciliation is not supported for " + gateway.name() + " yet (its bill is " + ready.format() + ")");
            case BillDownload.NotAvailable none -> throw new Refusal(Refusal.Reason.BILL_NOT_AVAILABLE,
                    "The " + gateway.name() + " channel offers no bill: " + none.reason());
            case BillDownload.Unknown unknown -> throw new Refusal(Refusal.Reason.CHANNEL_UNAVAILABLE,
                    "The " + gateway.name() + " gateway did not hand out the bill of " + day + ": " + unknown.reason());
        };
    }

    /** The port promises not to throw; an adapter that does all the same means no bill, not a 500. */
    private static BillDownload download(PaymentChannel gateway, LocalDate day) {
        try {
            return gateway.downloadBill(day);
        } catch (RuntimeException e) {
            log.warn("The {} channel failed to download the bill of {}: {}", gateway.name(), day, e.getClass().getSimpleName());
            return new BillDownload.Unknown(e.getClass().getSimpleName());
        }
    }

    private GatewayBill read(byte[] file, LocalDate day) {
        try {
            return alipayReader.read(file, day);
        } catch (BillUnreadable e) {
            throw new Refusal(Refusal.Reason.BILL_UNREADABLE, e.getMessage());
        }
    }

    private BillComparison.Result compare(String channel, GatewayBill bill, LocalDate day) {
        Instant from = day.atStartOfDay(GATEWAY_ZONE).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(GATEWAY_ZONE).toInstant();
        int limit = AlipayTradeBillReader.Limits.DEFAULT.linesMax();
        List<PaymentRow> dayPayments = rows.paymentsSucceeded(channel, from, to, limit + 1);
        List<RefundRow> dayRefunds = rows.refundsSucceeded(channel, from, to, limit + 1);
        if (dayPayments.size() > limit || dayRefunds.size() > limit) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "payonce booked more than " + limit + " charges or refunds on " + day
                    + " through " + channel + ": more than one reconciliation run can hold");
        }
        List<String> paymentIds = bill.lines().stream().map(GatewayBill.Line::paymentId).distinct().toList();
        List<String> refundIds = bill.lines().stream().filter(line -> line.refundId() != null).map(GatewayBill.Line::refundId).toList();
        return BillComparison.compare(bill, rows.payments(channel, paymentIds), rows.refunds(channel, refundIds),
                rows.chargeExceptions(channel, paymentIds), rows.refundExceptions(channel, refundIds), dayPayments, dayRefunds);
    }

    private ReconciliationReport report(String channel, LocalDate day, boolean repair, GatewayBill bill, List<Mismatch> mismatches) {
        int repaired = (int) mismatches.stream().filter(mismatch -> !mismatch.remains()).count();
        int remaining = mismatches.size() - repaired;
        log.info("Reconciled {} {}: {} charges and {} refunds on the bill, {} mismatches, {} repaired, {} remaining", channel, day,
                bill.count(GatewayBill.Kind.PAYMENT), bill.count(GatewayBill.Kind.REFUND), mismatches.size(), repaired, remaining);
        mismatches.stream().filter(Mismatch::remains).limit(SHOWN_MAX).forEach(mismatch -> log.warn(
                "Reconciliation {} {}: {} {} payment={} refund={}: {}", channel, day, mismatch.kind(), mismatch.what(),
                mismatch.paymentId(), mismatch.refundId(), mismatch.detail()));
        return new ReconciliationReport(channel, day, repair, bill.count(GatewayBill.Kind.PAYMENT), bill.count(GatewayBill.Kind.REFUND),
                mismatches.size(), repaired, remaining, mismatches.stream().limit(SHOWN_MAX).toList());
    }

    /** The gateway calls left in this run. */
    static final class Calls {
        private int left = GATEWAY_CALLS_MAX;

        boolean take() {
            if (left == 0) {
                return false;
            }
            left--;
            return true;
        }
    }
}
