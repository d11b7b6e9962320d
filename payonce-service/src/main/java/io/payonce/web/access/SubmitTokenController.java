package io.payonce.web.access;

import io.payonce.access.SubmitTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a checkout page gets the one-time token its order submission carries ({@code Submit-Token}). */
@RestController
@Tag(name = "Orders")
class SubmitTokenController {

    private final SubmitTokens tokens;

    SubmitTokenController(SubmitTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(operationId = "issueSubmitToken", summary = "Issue a one-time submit token for one order creation",
            description = "Send it as `Submit-Token` on `POST /v1/orders` instead of an Idempotency-Key, with the same credential. "
                    + "The first use creates the order; every later use answers that first use's stored result. It must be "
                    + "first used before `expiresAt` (`PAYONCE_SUBMIT_TOKEN_TTL`, 30 min by default).")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SubmitTokens.IssuedSubmitToken.class),
            examples = @ExampleObject(name = "walk-through", value = """
                    {"submitToken":"st_k2m9q4x7w1ab_Vq3Lr8Zt0Nc5Hd2Fs7Ga4Kp9Jx6Mb1Wy3Tu8Re5Qo0Pi","expiresAt":"2026-12-01T12:30:00Z"}""")))
    @PostMapping(path = "/v1/submit-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmitTokens.IssuedSubmitToken> issue(HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(tokens.issue(RequestAccess.caller(http)));
    }
}
