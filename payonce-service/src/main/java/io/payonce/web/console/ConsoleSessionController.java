package io.payonce.web.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.payonce.access.ConsoleProperties;
import io.payonce.access.LoginThrottle;
import io.payonce.access.OwnerLogin;
import io.payonce.access.OwnerLoginRefused;
import io.payonce.access.OwnerSessions;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.JsonBodies;
import io.payonce.web.access.CsrfCheck;
import io.payonce.web.access.OwnerCookie;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's console session: log in (a session cookie and the session's CSRF token), read the
 * session (the page asks for its CSRF token after a reload), log out. The cookie is a credential for
 * the endpoints that need a scope ({@code io.payonce.web.access.AccessInterceptor}).
 */
@RestController
@RequestMapping("/v1/console/session")
@Tag(name = "Console", description = "The owner's console: session login, lock-out, CSRF")
class ConsoleSessionController {

    private static final String SESSION_EXAMPLE = """
            {"account":"owner","csrfToken":"h2Vq3kJ0tq8m9yZr1cXb4nWf6pLs0dAe7uGi5oTj2Ek","expiresAt":"2026-12-01T08:00:00Z"}""";

    private final OwnerLogin login;
    private final OwnerSessions sessions;
    private final JsonBodies bodies;
    private final Duration sessionTtl;
    private final Clock clock;

    ConsoleSessionController(OwnerLogin login, OwnerSessions sessions, JsonBodies bodies, ConsoleProperties properties, Clock clock) {
        this.clock = clock;
        this.login = login;
        this.sessions = sessions;
        this.bodies = bodies;
        this.sessionTtl = properties.sessionTtl();
    }

    @Schema(name = "ConsoleLoginRequest")
    record Login(@Schema(example = "owner") String name, @Schema(example = "correct horse battery") String password) {
        @Override
        public String toString() {
            return "Login[name=" + name + ", password=<redacted>]";
        }
    }

    /** Whether a live session was ended (false: the cookie named none, and was only cleared). */
    @Schema(name = "ConsoleLogout")
    record LoggedOut(boolean sessionEnded) {
    }

    @Schema(name = "ConsoleSession", requiredProperties = {"account", "csrfToken", "expiresAt"})
    record SessionView(String account,
                       @Schema(description = "Send it as `X-CSRF-Token` with every request that changes something") String csrfToken,
                       Instant expiresAt) {
        @Override
        public String toString() {
            return "SessionView[account=" + account + ", csrfToken=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    @Operation(operationId = "consoleLogin", summary = "Log the owner in to the console: sets the session cookie",
            description = "Counts the attempt against the account and the client address before the password is checked; "
                    + "past `PAYONCE_CONSOLE_ACCOUNT_FAILURES_MAX` (5) or `PAYONCE_CONSOLE_IP_FAILURES_MAX` (20) in "
                    + "`PAYONCE_CONSOLE_FAILURE_WINDOW` (15 min) it is `429 login_locked` until the lock-out ends, even with the "
                    + "right password. A browser's request must come from this origin.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = Login.class))))
    @ApiResponse(responseCode = "201", description = "Logged in", headers = @Header(name = "Set-Cookie",
            description = "`payonce_console=os_...; Path=/; HttpOnly; SameSite=Strict` (`__Host-payonce_console`, `Secure` over https)",
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "logged in", value = SESSION_EXAMPLE)))
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.LOGIN_FAILED, ErrorCode.LOGIN_LOCKED, ErrorCode.CSRF_REFUSED})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionView> login(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        // Login CSRF: another site's page must not sign this browser in (to an account of its choosing).
        CsrfCheck.crossSite(request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), OwnerCookie.ownOrigin(request))
                .ifPresent(reason -> {
                    throw new ApiException(ErrorCode.CSRF_REFUSED, reason);
                });
        Login credentials = bodies.read(body, Login.class);
        if (credentials.name() == null || credentials.password() == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "name and password are required");
        }
        OwnerSessions.Opened opened = logIn(credentials, request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.SET_COOKIE, OwnerCookie.issue(request, opened.token(), sessionTtl).toString())
                .body(new SessionView(opened.account(), opened.csrfToken(), opened.expiresAt()));
    }

    /** The login's refusals as problems: 401 {@code login_failed}, or 429 {@code login_locked} saying when it ends. */
    private OwnerSessions.Opened logIn(Login credentials, String clientIp) {
        try {
            return login.login(credentials.name(), credentials.password(), clientIp);
        } catch (OwnerLoginRefused refused) {
            throw switch (refused.reason()) {
                case FAILED -> new ApiException(ErrorCode.LOGIN_FAILED, refused.getMessage());
                case LOCKED -> new ApiException(ErrorCode.LOGIN_LOCKED, refused.getMessage(),
                        Map.of("retryAfterSeconds", LoginThrottle.secondsUntil(refused.lockedUntil(), clock.instant())));
            };
        }
    }

    @Operation(operationId = "getConsoleSession", summary = "The console session of this cookie, with its CSRF token")
    @ApiResponse(responseCode = "200", description = "Logged in", content = @Content(schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "logged in", value = SESSION_EXAMPLE)))
    @Refusals({ErrorCode.CREDENTIALS_MISSING, ErrorCode.CREDENTIALS_INVALID})
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionView> current(HttpServletRequest request) {
        String cookie = OwnerCookie.read(request);
        if (cookie == null) {
            throw new ApiException(ErrorCode.CREDENTIALS_MISSING, "This needs the console's session cookie: log in at /admin/login");
        }
        OwnerSessions.Current session = sessions.current(cookie).orElseThrow(() -> new ApiException(ErrorCode.CREDENTIALS_INVALID,
                "The console session is unknown, ended or expired: log in at /admin/login"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new SessionView(session.owner().account(), session.csrfToken(), session.expiresAt()));
    }

    @Operation(operationId = "consoleLogout", summary = "Log out: ends the session and clears the cookie; without a live session it only clears the cookie")
    @ApiResponse(responseCode = "200", description = "Logged out", content = @Content(schema = @Schema(implementation = LoggedOut.class)))
    @Refusals(ErrorCode.CSRF_REFUSED)
    @DeleteMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LoggedOut> logout(@Parameter(description = "The session's CSRF token") @RequestHeader(name = CsrfCheck.TOKEN_HEADER,
            required = false) String csrfToken, HttpServletRequest request) {
        String cookie = OwnerCookie.read(request);
        java.util.Optional<OwnerSessions.Current> session = cookie == null ? java.util.Optional.empty() : sessions.current(cookie);
        session.ifPresent(live -> {
            // Another site must not be able to end the owner's session either.
            CsrfCheck.refusal(request.getMethod(), csrfToken, live.csrfToken(), request.getHeader("Origin"),
                            request.getHeader("Sec-Fetch-Site"), OwnerCookie.ownOrigin(request))
                    .ifPresent(reason -> {
                        throw new ApiException(ErrorCode.CSRF_REFUSED, reason);
                    });
            sessions.close(cookie);
        });
        boolean ended = session.isPresent();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.SET_COOKIE, OwnerCookie.clear(request).toString())
                .body(new LoggedOut(ended));
    }
}
