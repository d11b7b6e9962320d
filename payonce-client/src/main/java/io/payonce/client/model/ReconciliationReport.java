package io.payonce.client.model;

import java.util.List;

/** A day's reconciliation of one channel. */
public record ReconciliationReport(String channel, String date, boolean repair, boolean clean, int billPayments, int billRefunds,
                                   int mismatchesTotal, int repaired, int remaining, List<Mismatch> mismatches) {
}
