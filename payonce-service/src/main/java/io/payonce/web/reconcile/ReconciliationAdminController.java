package io.payonce.web.reconcile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.payonce.reconcile.DailyReconciliation;
import io.payonce.reconcile.Mismatch;
import io.payonce.reconcile.ReconciliationReport;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.JsonBodies;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation of a channel's day against the gateway's bill (the admin scope, the /v1/admin
 * default of AccessRules). Answers 200 with the report whether or not mismatches remain: finding
 * them is the request's success; the refusals are for a reconciliation that could not run.
 */
@RestController
@RequestMapping("/v1/admin/reconciliations")
@Tag(name = "Reconciliation", description = "A day's gateway bill against payonce's payments and refunds")
class ReconciliationAdminController {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private final DailyReconciliation reconciliation;
    private final JsonBodies bodies;

    ReconciliationAdminController(DailyReconciliation reconciliation, JsonBodies bodies) {
        this.reconciliation = reconciliation;
        this.bodies = bodies;
    }

    /** Which day of which channel; {@code repair} settles what is safe to settle through the normal path. */
    record Run(@NotNull @Pattern(regexp = "[a-z0-9_]{1,32}", message = "must be 1 to 32 of a-z 0-9 _") String channel,
               @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date, yyyy-MM-dd") String date,
               Boolean repair) {
    }

    @Operation(operationId = "reconcileDay",
            summary = "Reconcile a channel's day (Beijing time) against its gateway's bill; with repair, settle what is safe",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = Run.class),
                    examples = @ExampleObject(name = "repair a day", value = "{\"channel\":\"alipay\",\"date\":\"2026-11-30\",\"repair\":true}"))))
    @ApiResponse(responseCode = "200", description = "The report, clean or with the mismatches that remain",
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.CHANNEL_NOT_FOUND, ErrorCode.CHANNEL_UNAVAILABLE, ErrorCode.BILL_NOT_AVAILABLE,
            ErrorCode.BILL_UNREADABLE})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ReportView run(@RequestBody(required = false) byte[] body) {
        Run run = bodies.read(body, Run.class);
        return ReportView.of(reconciliation.reconcile(run.channel(), date(run.date()), Boolean.TRUE.equals(run.repair())));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "date: '" + text + "' is not a calendar date");
        }
    }

    record ReportView(String channel, LocalDate date, boolean repair, boolean clean, long billPayments, long billRefunds,
                      int mismatchesTotal, int repaired, int remaining, List<MismatchView> mismatches) {
        static ReportView of(ReconciliationReport report) {
            return new ReportView(report.channel(), report.date(), report.repair(), report.clean(), report.billPayments(),
                    report.billRefunds(), report.mismatchesTotal(), report.repaired(), report.remaining(),
                    report.mismatches().stream().map(MismatchView::of).toList());
        }
    }

    /** One mismatch; {@code kind}, {@code what} and {@code repair} are lower-case wire names. */
    record MismatchView(String kind, String what, String paymentId, String refundId, String tradeNo, Long gatewayAmount,
                        Long payonceAmount, String payonceStatus, String detail, String repair, String repairDetail) {
        static MismatchView of(Mismatch mismatch) {
            return new MismatchView(wire(mismatch.kind()), wire(mismatch.what()), mismatch.paymentId(), mismatch.refundId(),
                    mismatch.tradeNo(), mismatch.gatewayAmount(), mismatch.payonceAmount(), mismatch.payonceStatus(),
                    mismatch.detail(), wire(mismatch.repair()), mismatch.repairDetail());
        }

        private static String wire(Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }
}
