package io.payonce.web.access;

import io.payonce.access.BuyerSessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where an anonymous buyer gets a session: no credential needed, rate limited per client like the shop. */
@RestController
@Tag(name = "Buyer sessions")
class BuyerSessionController {

    private final BuyerSessions sessions;

    BuyerSessionController(BuyerSessions sessions) {
        this.sessions = sessions;
    }

    @Operation(operationId = "openBuyerSession", summary = "Open a buyer session; send its buyerToken as 'Authorization: Bearer' to create orders")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = BuyerSessions.OpenedSession.class),
            examples = @ExampleObject(name = "walk-through", value = """
                    {"buyerToken":"bs_9Jr2mQx7Lw4Kp0Vt8Zc3Nb6Hd1Fs5Ga","expiresAt":"2026-12-01T12:00:00Z"}""")))
    @PostMapping("/v1/buyer-sessions")
    ResponseEntity<BuyerSessions.OpenedSession> open() {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(sessions.open());
    }
}
