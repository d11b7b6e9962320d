package io.payonce.web.membership;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

import io.payonce.membership.GrantResult;
import io.payonce.membership.MemberApiException;
import io.payonce.membership.MemberApiService;
import io.payonce.membership.MemberError;
import io.payonce.membership.MemberRepository;
import io.payonce.membership.MembershipMetrics;
import io.payonce.membership.SignedRequest;
import io.payonce.membership.SignedRequestParser;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.payonce.web.openapi.EnvelopeErrors;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The membership API, compatible with the original: signed createOrRenewMember and the member
 * lookup, both answering with the {@code {code, message, data}} envelope, also for paths and
 * methods that do not exist here.
 */
@RestController
@RequestMapping("/api/member")
@Tag(name = "Membership")
class MemberApiController {

    private static final String CREATE_OR_RENEW = "/api/member/createOrRenewMember";

    private final MemberApiService service;
    private final MembershipMetrics metrics;
    private final Clock clock;

    MemberApiController(MemberApiService service, MembershipMetrics metrics, Clock clock) {
        this.service = service;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The body is read raw, so the signature is checked against the values exactly as sent. */
    @Operation(operationId = "createOrRenewMember", summary = "Create or renew a membership (signed by the calling system)",
            description = "No bearer credential: the body is signed with the system's RSA key. The same `orderNo` again "
                    + "applies nothing and answers the first grant.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateOrRenewMemberBody.class))))
    @ApiResponse(responseCode = "200", description = "Granted (or the same orderNo's earlier grant)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = GrantAnswer.class), examples = @ExampleObject(
                    name = "granted", value = """
                            {"code":0,"message":"success","data":{"memberId":"mem_01JDZK9Q","systemId":"shop-cn",\
                            "userId":"user-42","expiresAt":"2026-12-30T12:00:00Z"}}""")))
    @EnvelopeErrors({MemberError.MALFORMED_REQUEST, MemberError.INVALID_FIELD, MemberError.DAYS_OUT_OF_RANGE, MemberError.BAD_SIGNATURE,
            MemberError.UNKNOWN_SYSTEM, MemberError.STALE_TIMESTAMP, MemberError.REPLAYED_NONCE, MemberError.ORDER_CONFLICT,
            MemberError.EXPIRY_LIMIT, MemberError.RATE_LIMITED, MemberError.UNAVAILABLE})
    @PostMapping("/createOrRenewMember")
    ResponseEntity<MemberEnvelope> createOrRenew(HttpServletRequest request) {
        SignedRequest signed = SignedRequestParser.parse(readBody(request));
        GrantResult result = service.createOrRenew(signed);
        metrics.granted("api", result);
        return MemberEnvelope.ok(result.grant().data());
    }

    @Operation(operationId = "getMember", summary = "A member's membership; 404 (envelope code 40401) when there is none")
    @ApiResponse(responseCode = "200", description = "The membership", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = MemberAnswer.class)))
    @EnvelopeErrors({MemberError.INVALID_FIELD, MemberError.CREDENTIALS_MISSING, MemberError.CREDENTIALS_INVALID,
            MemberError.SCOPE_MISSING, MemberError.MEMBER_NOT_FOUND, MemberError.RATE_LIMITED, MemberError.UNAVAILABLE})
    @GetMapping("/{systemId}/{userId}")
    ResponseEntity<MemberEnvelope> find(@PathVariable String systemId, @PathVariable String userId) {
        if (!SignedRequestParser.SYSTEM_ID.matcher(systemId).matches() || !SignedRequestParser.USER_ID.matcher(userId).matches()) {
            throw new MemberApiException(MemberError.INVALID_FIELD, "systemId or userId is not well formed");
        }
        MemberRepository.Member member = service.find(systemId, userId).orElseThrow(() ->
                new MemberApiException(MemberError.MEMBER_NOT_FOUND, "No membership for this user"));
        return MemberEnvelope.ok(new MemberView(member.memberId(), member.systemId(), member.userId(),
                DateTimeFormatter.ISO_INSTANT.format(member.expiresAt()), member.expiresAt().isAfter(clock.instant())));
    }

    /**
     * Everything else under /api/member: answered here, in the envelope, rather than by the
     * service-wide problem+json handler that answers 404 and 405 everywhere else.
     */
    @Hidden
    @RequestMapping("/**")
    ResponseEntity<MemberEnvelope> unmatched(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(CREATE_OR_RENEW)) {
            return methodNotAllowed("POST");
        }
        if (path.matches("/api/member/[^/]+/[^/]+")) {
            return methodNotAllowed("GET, HEAD");
        }
        return MemberEnvelope.error(MemberError.NO_SUCH_ENDPOINT, "No such endpoint", HttpHeaders.EMPTY);
    }

    private static ResponseEntity<MemberEnvelope> methodNotAllowed(String allowed) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ALLOW, allowed);
        return MemberEnvelope.error(MemberError.METHOD_NOT_ALLOWED, "Method not allowed; use " + allowed, headers);
    }

    private static byte[] readBody(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            // One byte past the limit tells "too large" apart from "exactly at the limit".
            return in.readNBytes(SignedRequestParser.BODY_MAX_BYTES + 1);
        } catch (IOException e) {
            throw new MemberApiException(MemberError.MALFORMED_REQUEST, "The body could not be read");
        }
    }

    /** The {@code data} of the member lookup. */
    @Schema(name = "Member")
    record MemberView(String memberId, String systemId, String userId, String expiresAt, boolean active) {
    }

    /** The member lookup's answer, for the OpenAPI description: a {@link MemberEnvelope} with its {@code data}. */
    @Schema(name = "MemberEnvelopeOfMember", requiredProperties = {"code", "message", "data"})
    record MemberAnswer(@Schema(example = "0") int code, @Schema(example = "success") String message, MemberView data) {
    }

    /** The {@code data} of a grant, for the OpenAPI description ({@code MemberGrant.Data} is what is sent). */
    @Schema(name = "MemberGrant")
    record GrantData(String memberId, String systemId, String userId, String expiresAt) {
    }

    /** The grant's answer, for the OpenAPI description. */
    @Schema(name = "MemberEnvelopeOfGrant", requiredProperties = {"code", "message", "data"})
    record GrantAnswer(@Schema(example = "0") int code, @Schema(example = "success") String message, GrantData data) {
    }

    /** The request body, for the OpenAPI description only: the endpoint reads the raw JSON. */
    @Schema(description = "Signed with SHA256withRSA over the other non-empty fields as sorted key=value pairs joined with &")
    record CreateOrRenewMemberBody(
            @Schema(example = "shop-cn", maxLength = 64) String systemId,
            @Schema(example = "ORD20261123001", maxLength = 64) String orderNo,
            @Schema(example = "user-42", maxLength = 128) String userId,
            @Schema(example = "30", minimum = "1", maximum = "3650") long days,
            @Schema(description = "epoch milliseconds, within 5 minutes of the server's time", example = "1795428930000") long timestamp,
            @Schema(description = "unique per system, 8-64 characters", example = "9f86d081884c7d65") String nonce,
            @Schema(description = "Base64 SHA256withRSA signature") String sign) {
    }
}
