package io.payonce.reconcile;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of reconciling one channel's day.
 *
 * @param billPayments   charges on the gateway's bill
 * @param billRefunds    refunds on the gateway's bill
 * @param mismatchesTotal every mismatch found; {@code mismatches} lists the first {@link DailyReconciliation#SHOWN_MAX}
 * @param remaining      mismatches not repaired in this run (the CLI exits non-zero when there is one)
 */
public record ReconciliationReport(String channel, LocalDate date, boolean repair, long billPayments, long billRefunds,
                                   int mismatchesTotal, int repaired, int remaining, List<Mismatch> mismatches) {

    public ReconciliationReport {
        mismatches = List.copyOf(mismatches);
    }

    public boolean clean() {
        return remaining == 0;
    }
}
