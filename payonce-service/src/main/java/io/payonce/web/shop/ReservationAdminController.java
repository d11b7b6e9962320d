package io.payonce.web.shop;

import java.time.Instant;
import java.util.List;

import io.payonce.orders.Orders;
import io.payonce.shop.ReservationHolders;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.JsonBodies;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock held by unpaid orders, for the shop owner (the admin scope, the /v1/admin default of
 * AccessRules): the biggest holders, and cancelling one holder's unpaid orders.
 */
@RestController
@RequestMapping("/v1/admin/reservations")
@Tag(name = "Reservations")
class ReservationAdminController {

    /** The longest holder id (the orders.holder CHECK) and client address (an IPv6 text form is at most 45). */
    private static final int HOLDER_LENGTH_MAX = 100;
    private static final int CLIENT_IP_LENGTH_MAX = 64;

    private final ReservationHolders holders;
    private final JsonBodies bodies;

    ReservationAdminController(ReservationHolders holders, JsonBodies bodies) {
        this.holders = holders;
        this.bodies = bodies;
    }

    /** One holder: a caller ({@code buyer:<session>}, {@code key:<id>}) from one client address. */
    @Schema(name = "ReservationHolder")
    record HolderView(String holder, String clientIp, long units, long orders, Instant oldestReservedAt) {
        static HolderView of(Orders.HeldUnits held) {
            return new HolderView(held.holder(), held.clientIp(), held.units(), held.orders(), held.oldestReservedAt());
        }
    }

    @Schema(name = "ReservationHolderList")
    record HolderList(List<HolderView> holders) {
    }

    /** Whose unpaid orders to cancel: exactly one of the two. */
    @Schema(name = "CancelReservationsRequest", description = "Exactly one of the two")
    record CancelHolder(String holder, String clientIp) {
    }

    @Operation(operationId = "listReservationHolders", summary = "The callers holding the most card-key units in unpaid orders, biggest first")
    @ApiResponse(responseCode = "200", description = "The holders", content = @Content(schema = @Schema(implementation = HolderList.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    HolderList biggest(@Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "20"))
                       @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > ReservationHolders.LIST_MAX) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "limit: must be between 1 and " + ReservationHolders.LIST_MAX);
        }
        return new HolderList(holders.biggest(limit).stream().map(HolderView::of).toList());
    }

    @Operation(operationId = "cancelReservations",
            summary = "Cancel every unpaid card-key order of a holder or of a client address; their keys return to stock at once",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = CancelHolder.class),
                    examples = @ExampleObject(name = "by holder", value = "{\"holder\":\"buyer:k2j4\"}"))))
    @ApiResponse(responseCode = "200", description = "What was cancelled", content = @Content(
            schema = @Schema(implementation = ReservationHolders.Cancelled.class)))
    @PostMapping(path = "/cancel", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ReservationHolders.Cancelled cancel(@RequestBody(required = false) byte[] body) {
        CancelHolder which = bodies.read(body, CancelHolder.class);
        boolean byHolder = which.holder() != null;
        if (byHolder == (which.clientIp() != null)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Give exactly one of holder and clientIp");
        }
        String value = byHolder ? which.holder() : which.clientIp();
        if (value.isBlank() || value.length() > (byHolder ? HOLDER_LENGTH_MAX : CLIENT_IP_LENGTH_MAX)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, (byHolder ? "holder" : "clientIp") + ": must be 1 to "
                    + (byHolder ? HOLDER_LENGTH_MAX : CLIENT_IP_LENGTH_MAX) + " characters");
        }
        return byHolder ? holders.cancelAll(value, null) : holders.cancelAll(null, value);
    }
}
