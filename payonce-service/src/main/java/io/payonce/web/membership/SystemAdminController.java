package io.payonce.web.membership;

import io.payonce.membership.RsaKeys;
import io.payonce.membership.SystemRegistry;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints of calling systems (the admin scope is required on /v1/admin/**); the test helpers are in {@link SystemTestHelpersController}. */
@RestController
@RequestMapping("/v1/admin/systems")
@Tag(name = "Systems")
class SystemAdminController {

    static final String SYSTEM_ID = "[A-Za-z0-9._-]{1,64}";

    private final SystemRegistry registry;

    SystemAdminController(SystemRegistry registry) {
        this.registry = registry;
    }

    @Operation(operationId = "registerSystem", summary = "Register a calling system with its RSA public key (PEM, 2048-8192 bits)")
    @ApiResponse(responseCode = "201", description = "Registered", content = @Content(
            schema = @Schema(implementation = SystemRegistry.RegisteredSystem.class)))
    @Refusals(ErrorCode.SYSTEM_EXISTS)
    @PostMapping
    ResponseEntity<SystemRegistry.RegisteredSystem> register(@Valid @RequestBody RegisterSystem body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(registry.register(body.systemId(), body.publicKeyPem()));
    }

    @Schema(name = "RegisterSystemRequest")
    record RegisterSystem(
            @NotBlank @Pattern(regexp = SYSTEM_ID, message = "must be 1-64 characters of A-Z a-z 0-9 . _ -") String systemId,
            @NotBlank @Size(max = RsaKeys.PEM_MAX_CHARS) String publicKeyPem) {
    }
}
