package io.payonce.web.access;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.payonce.access.AccessRefused;
import io.payonce.access.Authenticator;
import io.payonce.access.Caller;
import io.payonce.access.OrderAccess;
import io.payonce.access.OwnerSessions;
import io.payonce.access.Scope;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one place a request is authenticated and authorized, before its controller runs: it reads
 * the bearer credential (or the console's session cookie, see {@link #caller}), applies the endpoint's {@link AccessRule}, and leaves the caller and the
 * owner of its Idempotency-Keys on the request ({@link RequestAccess}).
 */
@Component
class AccessInterceptor implements HandlerInterceptor {

    static final String ORDER_TOKEN_HEADER = "X-Order-Token";
    private static final String BEARER = "Bearer ";

    private final Authenticator authenticator;
    private final OrderAccess orderAccess;
    private final OwnerSessions ownerSessions;

    AccessInterceptor(Authenticator authenticator, OrderAccess orderAccess, OwnerSessions ownerSessions) {
        this.authenticator = authenticator;
        this.orderAccess = orderAccess;
        this.ownerSessions = ownerSessions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        // The container's decoded and normalized path, not the raw URI: the one routing matched.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        AccessRule rule = AccessRules.ruleFor(request.getMethod(), route == null ? null : route.toString(), path);
        if (rule instanceof AccessRule.Open) {
            return true;
        }
        Caller caller = caller(request, rule);
        String owner = switch (rule) {
            case AccessRule.Open open -> caller.owner();
            case AccessRule.NeedsScope(Scope scope) -> requireScope(caller, scope);
            case AccessRule.BuyerOrScope(Scope scope) -> caller instanceof Caller.Buyer ? caller.owner() : requireScope(caller, scope);
            case AccessRule.OrderTokenOrScope(Scope scope) -> orderOwner(request, caller, scope);
        };
        RequestAccess.remember(request, caller, owner);
        return true;
    }

    /**
     * The bearer credential's caller; or, on an endpoint that needs a scope and with no Authorization
     * header, the owner signed in to the console. The buyer-facing endpoints never read the cookie:
     * an owner browsing the storefront in the same browser stays a buyer there.
     */
    private Caller caller(HttpServletRequest request, AccessRule rule) {
        String cookie = OwnerCookie.read(request);
        if (!(rule instanceof AccessRule.NeedsScope) || request.getHeader(HttpHeaders.AUTHORIZATION) != null || cookie == null) {
            return authenticator.authenticate(bearer(request));
        }
        OwnerSessions.Current session = ownerSessions.current(cookie).orElseThrow(AccessRefused::invalid);
        CsrfCheck.refusal(request.getMethod(), request.getHeader(CsrfCheck.TOKEN_HEADER), session.csrfToken(),
                        request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), OwnerCookie.ownOrigin(request))
                .ifPresent(reason -> {
                    throw new ApiException(ErrorCode.CSRF_REFUSED, reason);
                });
        return session.owner();
    }

    private static String requireScope(Caller caller, Scope scope) {
        if (caller instanceof Caller.Anonymous) {
            throw AccessRefused.missing("an API key with the scope '" + scope.wireName() + "' as 'Authorization: Bearer <key>'");
        }
        if (!caller.has(scope)) {
            throw AccessRefused.scopeMissing(scope);
        }
        return caller.owner();
    }

    /** Without the token or the scope, the answer is the one for an order that does not exist. */
    private String orderOwner(HttpServletRequest request, Caller caller, Scope scope) {
        String orderId = pathVariables(request).get("orderId");
        return orderAccess.authorize(caller, orderId, request.getHeader(ORDER_TOKEN_HEADER), scope)
                .orElseThrow(() -> new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order '" + shown(orderId) + "'"));
    }

    /** The same truncation the order endpoints use, so a refusal reads exactly like a missing order. */
    private static String shown(String orderId) {
        return orderId.length() > 64 ? orderId.substring(0, 64) + "..." : orderId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? Map.of() : (Map<String, String>) variables;
    }

    /** The bearer token, null when no Authorization header is sent; any other scheme is not valid. */
    private static String bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AccessRefused.invalid();
        }
        return authorization.substring(BEARER.length()).strip();
    }
}
