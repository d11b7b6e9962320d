package io.payonce.web.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import io.payonce.access.ApiKeys;
import io.payonce.access.Scope;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Merchant API keys (the admin scope is required on /v1/admin/**). A key is shown once, when created. */
@RestController
@RequestMapping("/v1/admin/api-keys")
@Tag(name = "API keys")
class ApiKeyAdminController {

    private final ApiKeys apiKeys;

    ApiKeyAdminController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Operation(operationId = "createApiKey", summary = "Create an API key with scopes; the key is in this answer only")
    @ApiResponse(responseCode = "201", description = "Created: store `key` now", content = @Content(
            schema = @Schema(implementation = CreatedKeyView.class)))
    @PostMapping
    ResponseEntity<CreatedKeyView> create(@Valid @RequestBody CreateKey body) {
        ApiKeys.CreatedKey created = apiKeys.create(scopes(body.scopes()), body.label());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(CreatedKeyView.of(created));
    }

    @Operation(operationId = "listApiKeys", summary = "List API keys (never the keys themselves)")
    @ApiResponse(responseCode = "200", description = "The keys", content = @Content(schema = @Schema(implementation = KeyList.class)))
    @GetMapping
    KeyList list() {
        return new KeyList(apiKeys.list());
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key for good; revoking it again changes nothing")
    @ApiResponse(responseCode = "200", description = "The key, revoked", content = @Content(schema = @Schema(implementation = ApiKeys.KeyInfo.class)))
    @Refusals(ErrorCode.API_KEY_NOT_FOUND)
    @DeleteMapping("/{id}")
    ApiKeys.KeyInfo revoke(@PathVariable String id) {
        return apiKeys.revoke(id).orElseThrow(() -> new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key '" + shown(id) + "'"));
    }

    private static Set<Scope> scopes(List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(Scope.parse(name).orElseThrow(() -> new ApiException(ErrorCode.INVALID_REQUEST,
                    "Unknown scope '" + shown(name) + "'; scopes are " + EnumSet.allOf(Scope.class).stream()
                            .map(Scope::wireName).collect(Collectors.joining(", ")))));
        }
        return scopes;
    }

    private static String shown(String value) {
        String safe = value == null ? "" : value.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > 64 ? safe.substring(0, 64) + "..." : safe;
    }

    /** Scopes by their wire names; six exist, so a few more than that is already a mistake. */
    @Schema(name = "CreateApiKeyRequest")
    record CreateKey(@NotEmpty @Size(max = 16) @ArraySchema(schema = @Schema(implementation = ScopeName.class)) List<String> scopes, @Size(max = ApiKeys.LABEL_CHARS_MAX) String label) {
    }

    @Schema(name = "CreatedApiKey")
    record CreatedKeyView(String id, String prefix, List<String> scopes, String label, Instant createdAt, String key, String warning) {
        static CreatedKeyView of(ApiKeys.CreatedKey created) {
            ApiKeys.KeyInfo info = created.info();
            return new CreatedKeyView(info.id(), info.prefix(), info.scopes(), info.label(), info.createdAt(), created.key(),
                    "Store the key now: payonce keeps only its hash and cannot show it again");
        }

        @Override
        public String toString() {
            return "CreatedKeyView[id=" + id + ", key=<redacted>]";
        }
    }

    @Schema(name = "ApiKeyList")
    record KeyList(List<ApiKeys.KeyInfo> keys) {
    }

    /** A scope as clients write it, for the description: the names are {@link Scope#wireName()}. */
    @Schema(name = "Scope", type = "string", allowableValues = {"catalog", "orders:read", "orders:write", "refunds", "members", "admin"})
    interface ScopeName {
    }
}
