package io.payonce.web.shop;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.payonce.payments.MoneyException;
import io.payonce.payments.MoneyExceptions;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.JsonBodies;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Money exceptions, for the shop owner (the admin scope, the /v1/admin default of AccessRules):
 * where the money and payonce disagree, and closing one with a note once it has been dealt with.
 */
@RestController
@RequestMapping("/v1/admin/money-exceptions")
@Tag(name = "Money exceptions", description = "Where the money and payonce disagree")
class MoneyExceptionAdminController {

    /** Ids are {@code mx_} and 26 characters of our alphabet; anything else is not one. */
    private static final int ID_LENGTH_MAX = 64;

    private final MoneyExceptions exceptions;
    private final JsonBodies bodies;

    MoneyExceptionAdminController(MoneyExceptions exceptions, JsonBodies bodies) {
        this.exceptions = exceptions;
        this.bodies = bodies;
    }

    /** One money exception as the admin API shows it. */
    record MoneyExceptionView(String id, String kind, String state, String orderId, String paymentId, String channel,
                              long amount, String currency, String detail, String autoRefund, String refundId,
                              String channelRefundNo, String note, Instant createdAt, Instant updatedAt, Instant resolvedAt) {
        static MoneyExceptionView of(MoneyException e) {
            return new MoneyExceptionView(e.id(), e.kind().name(), e.state().name(), e.orderId(), e.paymentId(), e.channel(),
                    e.amount(), e.currency(), e.detail(), e.autoRefund() == null ? null : e.autoRefund().name(), e.refundId(),
                    e.channelRefundNo(), e.note(), e.createdAt(), e.updatedAt(), e.resolvedAt());
        }
    }

    record MoneyExceptionList(List<MoneyExceptionView> moneyExceptions) {
    }

    /** The operator's note on what was done. */
    record Resolve(String note) {
    }

    @Operation(operationId = "listMoneyExceptions",
            summary = "Money exceptions, newest first; all, or those in one state (OPEN, REFUNDED, RESOLVED)")
    @ApiResponse(responseCode = "200", description = "The money exceptions",
            content = @Content(schema = @Schema(implementation = MoneyExceptionList.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    MoneyExceptionList list(@Parameter(schema = @Schema(allowableValues = {"OPEN", "REFUNDED", "RESOLVED"}))
                            @RequestParam(required = false) String state,
                            @Parameter(schema = @Schema(minimum = "1", maximum = "500", defaultValue = "100"))
                            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MoneyExceptions.LIST_MAX) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "limit: must be between 1 and " + MoneyExceptions.LIST_MAX);
        }
        return new MoneyExceptionList(exceptions.list(state(state), limit).stream().map(MoneyExceptionView::of).toList());
    }

    @Operation(operationId = "resolveMoneyException", summary = "Close an OPEN money exception with a note saying what was done",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = Resolve.class),
                    examples = @ExampleObject(name = "resolved by hand", value = "{\"note\":\"refunded by bank transfer, ticket 42\"}"))))
    @ApiResponse(responseCode = "200", description = "The exception, RESOLVED",
            content = @Content(schema = @Schema(implementation = MoneyExceptionView.class)))
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.MONEY_EXCEPTION_NOT_FOUND, ErrorCode.MONEY_EXCEPTION_NOT_OPEN})
    @PostMapping(path = "/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    MoneyExceptionView resolve(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        if (id.length() > ID_LENGTH_MAX) {
            throw new ApiException(ErrorCode.MONEY_EXCEPTION_NOT_FOUND, "No money exception with this id");
        }
        String note = bodies.read(body, Resolve.class).note();
        if (note == null || note.isBlank() || note.length() > MoneyExceptions.NOTE_LENGTH_MAX) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "note: must be 1 to " + MoneyExceptions.NOTE_LENGTH_MAX + " characters");
        }
        return MoneyExceptionView.of(exceptions.resolve(id, note));
    }

    private static Optional<MoneyException.State> state(String state) {
        if (state == null) {
            return Optional.empty();
        }
        return Arrays.stream(MoneyException.State.values()).filter(s -> s.name().equals(state)).findFirst()
                .map(Optional::of)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_REQUEST,
                        "state: must be one of " + Arrays.toString(MoneyException.State.values())));
    }
}
