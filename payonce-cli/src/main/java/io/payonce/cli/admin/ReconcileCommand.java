package io.payonce.cli.admin;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code payonce reconcile}: a channel's day against its gateway's bill, through
 * {@code POST /v1/admin/reconciliations} of a running service (the same connection as
 * {@code payonce admin}). Prints each mismatch; the exit code says whether any remains, so a
 * scheduler can alert on it.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare a day's gateway bill with payonce's payments and refunds; with --repair, settle what is safe.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no mismatch remains",
                "1:mismatches remain (listed)",
                "2:invalid options",
                "3:the reconciliation could not run (service unreachable or refused, bill not available or unreadable)"})
public class ReconcileCommand implements Callable<Integer> {

    public static final int CLEAN = 0;
    public static final int MISMATCHES = 1;
    public static final int NOT_RUN = 3;

    /** One run downloads a bill and may ask the gateway about each unbilled row and each repair: minutes, not seconds. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Mixin
    AdminConnection connection;
    @Spec
    CommandSpec spec;

    @Option(names = "--channel", required = true, description = "The channel whose bill to compare: alipay (wechat is not supported yet).")
    String channel;

    @Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd",
            description = "The day, in the gateways' time zone (Asia/Shanghai).")
    LocalDate date;

    @Option(names = "--repair", description = "Settle what is safe to settle through payonce's normal path; report the rest.")
    boolean repair;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("date", date.toString());
        body.put("repair", repair);
        JsonNode report;
        try {
            report = connection.send("POST", "/v1/admin/reconciliations", body, TIMEOUT);
        } catch (AdminConnection.Failure e) {
            spec.commandLine().getErr().println(e.getMessage());
            return NOT_RUN;
        }
        print(out, report);
        return report.path("remaining").asInt() == 0 ? CLEAN : MISMATCHES;
    }

    private static void print(PrintWriter out, JsonNode report) {
        out.println("Reconciled " + report.path("channel").asString() + " " + report.path("date").asString() + ": "
                + report.path("billPayments").asLong() + " charges and " + report.path("billRefunds").asLong()
                + " refunds on the gateway's bill.");
        for (JsonNode mismatch : report.path("mismatches")) {
            out.println(line(mismatch));
        }
        int total = report.path("mismatchesTotal").asInt();
        int shown = report.path("mismatches").size();
        if (total > shown) {
            out.println("... and " + (total - shown) + " more (see the service's log)");
        }
        out.println(total == 0 ? "No mismatch." : total + " mismatches, " + report.path("repaired").asInt() + " repaired, "
                + report.path("remaining").asInt() + " remaining.");
    }

    /** {@code kind what id  gateway=.. payonce=.. (STATUS): detail [repair: detail]}. */
    private static String line(JsonNode mismatch) {
        String what = mismatch.path("what").asString();
        String id = what.equals("refund") ? mismatch.path("refundId").asString() + " of " + mismatch.path("paymentId").asString()
                : mismatch.path("paymentId").asString();
        StringBuilder line = new StringBuilder(mismatch.path("kind").asString()).append(' ').append(what).append(' ').append(id)
                .append("  gateway=").append(amount(mismatch.path("gatewayAmount")))
                .append(" payonce=").append(amount(mismatch.path("payonceAmount")));
        if (!mismatch.path("payonceStatus").isMissingNode() && !mismatch.path("payonceStatus").isNull()) {
            line.append(" (").append(mismatch.path("payonceStatus").asString()).append(')');
        }
        line.append(": ").append(mismatch.path("detail").asString()).append(" [").append(mismatch.path("repair").asString());
        if (!mismatch.path("repairDetail").isMissingNode() && !mismatch.path("repairDetail").isNull()) {
            line.append(": ").append(mismatch.path("repairDetail").asString());
        }
        return line.append(']').toString();
    }

    private static String amount(JsonNode minorUnits) {
        return minorUnits.isMissingNode() || minorUnits.isNull() ? "-" : Long.toString(minorUnits.asLong());
    }
}
