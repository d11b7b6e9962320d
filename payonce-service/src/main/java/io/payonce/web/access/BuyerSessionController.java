package io.payonce.web.access;

import io.payonce.access.BuyerSessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where an anonymous buyer gets a session: no credential needed, rate limited per client like the shop. */
@RestController
@Tag(name = "Buyer sessions", description = "A bearer token for a buyer without an account")
class BuyerSessionController {

    private final BuyerSessions sessions;

    BuyerSessionController(BuyerSessions sessions) {
        this.sessions = sessions;
    }

    @Operation(summary = "Open a buyer session; send its buyerToken as 'Authorization: Bearer' to create orders")
    @PostMapping("/v1/buyer-sessions")
    ResponseEntity<BuyerSessions.OpenedSession> open() {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(sessions.open());
    }
}
