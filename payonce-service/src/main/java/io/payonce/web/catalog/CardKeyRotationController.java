package io.payonce.web.catalog;

import java.util.Map;

import io.payonce.cardkeys.CardKeyRotation;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's card-key rotation ({@code payonce admin rotate-card-key} calls it); the admin token
 * guards /v1/admin/**. It answers when the rotation has finished, or stopped with rows left.
 */
@RestController
@Tag(name = "Card-key rotation")
class CardKeyRotationController {

    /** The key versions in use: which seals new codes, and how many rows each version holds. */
    @Schema(name = "CardKeyVersions")
    record KeyVersions(int activeVersion, Map<Integer, Long> rowsByVersion) {
    }

    private final CardKeyRotation rotation;

    CardKeyRotationController(CardKeyRotation rotation) {
        this.rotation = rotation;
    }

    @Operation(operationId = "rotateCardKeys", summary = "Re-encrypt every stored card key under the newest key version",
            description = "Answers when the rotation has finished, or stopped with rows left (`remaining`); calling it again goes on.")
    @ApiResponse(responseCode = "200", description = "Rotated", content = @Content(schema = @Schema(implementation = CardKeyRotation.Rotated.class)))
    @Refusals({ErrorCode.CARD_KEY_ROTATION_NEEDS_NEW_KEY, ErrorCode.CARD_KEY_ROTATION_IN_PROGRESS})
    @PostMapping("/v1/admin/card-keys/rotate")
    CardKeyRotation.Rotated rotate() {
        return switch (rotation.rotate()) {
            case CardKeyRotation.Rotated rotated -> rotated;
            case CardKeyRotation.NeedsNewKey needs -> throw new ApiException(ErrorCode.CARD_KEY_ROTATION_NEEDS_NEW_KEY,
                    "Every card key is sealed under version " + needs.activeVersion() + ", the newest this instance has. Add version "
                            + (needs.activeVersion() + 1) + " to PAYONCE_CARD_KEY_ENCRYPTION_KEY ('" + needs.activeVersion() + ":<old>,"
                            + (needs.activeVersion() + 1) + ":<new>') on every instance, restart them, then rotate again");
            case CardKeyRotation.InProgress inProgress -> throw new ApiException(ErrorCode.CARD_KEY_ROTATION_IN_PROGRESS,
                    "Another card-key rotation is running; it answers when it is done (GET /v1/admin/card-keys/key-versions shows progress)");
        };
    }

    @Operation(operationId = "getCardKeyVersions", summary = "The key version that seals new codes, and the rows each version holds")
    @ApiResponse(responseCode = "200", description = "Key versions", content = @Content(schema = @Schema(implementation = KeyVersions.class)))
    @GetMapping("/v1/admin/card-keys/key-versions")
    KeyVersions keyVersions() {
        return new KeyVersions(rotation.activeVersion(), rotation.rowsByVersion());
    }
}
