package io.payonce.web.membership;

import java.security.KeyPair;

import io.payonce.membership.RsaKeys;
import io.payonce.membership.SystemRegistry;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test helpers for calling systems: a generated key pair, seeded members. They exist only while
 * PAYONCE_TEST_HELPERS_ENABLED is on (the sandbox default); production refuses to start with it.
 */
// Hidden: test helpers are not part of the described API, which production serves without them.
@Hidden
@ConditionalOnBooleanProperty("payonce.test-helpers.enabled")
@RestController
@RequestMapping("/v1/admin/systems")
class SystemTestHelpersController {

    private static final String SYSTEM_ID = SystemAdminController.SYSTEM_ID;

    private final SystemRegistry registry;

    SystemTestHelpersController(SystemRegistry registry) {
        this.registry = registry;
    }

    /**
     * For tests and demos only: payonce makes the key pair, registers the public half, and returns
     * the private half once. It is never stored, but it did cross the network and payonce's memory;
     * a real calling system generates its own key and registers only the public one.
     */
    @Operation(summary = "TEST ONLY: register a system with a freshly generated key pair; the private key is returned once, never stored")
    @PostMapping("/generate")
    ResponseEntity<GeneratedSystem> generate(@Valid @RequestBody GenerateSystem body) {
        int bits = body.keyBits() == null ? RsaKeys.BITS_MIN : body.keyBits();
        KeyPair pair = RsaKeys.generate(bits);
        String publicPem = RsaKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded());
        SystemRegistry.RegisteredSystem system = registry.register(body.systemId(), publicPem);
        GeneratedSystem generated = new GeneratedSystem(system.systemId(), system.keyBits(), system.keyFingerprintSha256(),
                publicPem, RsaKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                "Test only: keep the private key; payonce has not stored it and cannot show it again");
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(generated);
    }

    @Operation(summary = "Create users prefix1..prefixN of a system as active members (for load tests); existing ones are left alone")
    @PostMapping("/{systemId}/members/seed")
    ResponseEntity<SystemRegistry.SeedResult> seed(@PathVariable String systemId, @Valid @RequestBody(required = false) SeedMembers body) {
        if (!systemId.matches(SYSTEM_ID)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "systemId must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        SeedMembers seed = body == null ? new SeedMembers(null, null, null) : body;
        return ResponseEntity.ok(registry.seed(systemId, seed.countOrDefault(), seed.daysOrDefault(), seed.prefixOrDefault()));
    }

    /** Key sizes are limited to what generates in about a second on a small machine. */
    record GenerateSystem(
            @NotBlank @Pattern(regexp = SYSTEM_ID, message = "must be 1-64 characters of A-Z a-z 0-9 . _ -") String systemId,
            @Min(2048) @Max(4096) Integer keyBits) {
    }

    record GeneratedSystem(String systemId, int keyBits, String keyFingerprintSha256, String publicKeyPem,
                           String privateKeyPem, String warning) {
    }

    /**
     * @param count        users to create, 2000 by default; at most 100000, which one INSERT writes in a few seconds
     * @param days         how long they are members from now, 30 by default
     * @param userIdPrefix user ids are this prefix followed by 1..count; {@code user-} by default
     */
    record SeedMembers(@Min(1) @Max(100_000) Integer count, @Min(1) @Max(3650) Integer days,
                       @Pattern(regexp = "[A-Za-z0-9._:@-]{0,64}", message = "must be up to 64 characters of A-Z a-z 0-9 . _ : @ -")
                       String userIdPrefix) {
        int countOrDefault() {
            return count == null ? 2000 : count;
        }

        int daysOrDefault() {
            return days == null ? 30 : days;
        }

        String prefixOrDefault() {
            return userIdPrefix == null ? "user-" : userIdPrefix;
        }
    }
}
