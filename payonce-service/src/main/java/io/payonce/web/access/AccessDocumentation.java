package io.payonce.web.access;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.payonce.access.Scope;
import io.payonce.web.ErrorCode;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * {@link AccessRules} as the OpenAPI description states them: the credentials, any one of which
 * lets a caller in, and the refusals of a caller without one. Derived from the one table, so the
 * description cannot say something the interceptor does not do.
 */
public final class AccessDocumentation {

    public static final String ADMIN_TOKEN = "adminToken";
    public static final String API_KEY = "apiKey";
    public static final String BUYER_SESSION = "buyerSession";
    public static final String ORDER_TOKEN = "orderToken";
    public static final String OWNER_SESSION = "ownerSession";

    private AccessDocumentation() {
    }

    /** The security schemes the requirements name. */
    public static Map<String, SecurityScheme> schemes() {
        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        schemes.put(ADMIN_TOKEN, bearer("PAYONCE_ADMIN_TOKEN", "The operator's root credential: it holds every scope."));
        schemes.put(API_KEY, bearer("pk_...", "A merchant's API key (`payonce admin keys create --scope ...`). An operation names "
                + "the scope it needs in its security requirement; the scopes are " + Arrays.stream(Scope.values())
                .map(scope -> "`" + scope.wireName() + "`").collect(Collectors.joining(", ")) + "."));
        schemes.put(BUYER_SESSION, bearer("bs_...", "A buyer session from `POST /v1/buyer-sessions`: it creates orders."));
        schemes.put(ORDER_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name(AccessInterceptor.ORDER_TOKEN_HEADER)
                .description("The `orderToken` of the answer that created the order (`ot_...`): it reads, pays and cancels that "
                        + "order only. Without it (or an API key with the scope) the order does not exist: `404 order_not_found`."));
        schemes.put(OWNER_SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                .name(OwnerCookie.PLAIN_NAME)
                .description("The owner's console session (`POST /v1/console/session`; `__Host-payonce_console` over https): every "
                        + "scope. A request that changes something must also send the session's `X-CSRF-Token` and come from the "
                        + "console's own origin (`Origin`, `Sec-Fetch-Site`), else `403 csrf_refused`."));
        return schemes;
    }

    /** The alternative credentials an operation accepts; empty for one anyone may call. */
    public static List<SecurityRequirement> security(String method, String route) {
        return switch (AccessRules.ruleFor(method, route, route)) {
            case AccessRule.Open open -> List.of();
            case AccessRule.NeedsScope(Scope scope) -> List.of(apiKey(scope), only(ADMIN_TOKEN), only(OWNER_SESSION));
            case AccessRule.BuyerOrScope(Scope scope) -> List.of(only(BUYER_SESSION), apiKey(scope), only(ADMIN_TOKEN));
            case AccessRule.OrderTokenOrScope(Scope scope) -> List.of(only(ORDER_TOKEN), apiKey(scope), only(ADMIN_TOKEN));
        };
    }

    /**
     * The problem codes of a caller the rule turns away. An order guarded by its token answers a
     * caller without it exactly as a missing order, so {@code scope_missing} never shows there.
     */
    public static Set<ErrorCode> refusals(String method, String route) {
        return switch (AccessRules.ruleFor(method, route, route)) {
            case AccessRule.Open open -> Set.of();
            case AccessRule.NeedsScope needs -> "GET".equals(method) || "HEAD".equals(method)
                    ? Set.of(ErrorCode.CREDENTIALS_MISSING, ErrorCode.CREDENTIALS_INVALID, ErrorCode.SCOPE_MISSING)
                    : Set.of(ErrorCode.CREDENTIALS_MISSING, ErrorCode.CREDENTIALS_INVALID, ErrorCode.SCOPE_MISSING, ErrorCode.CSRF_REFUSED);
            case AccessRule.BuyerOrScope buyer -> Set.of(ErrorCode.CREDENTIALS_MISSING, ErrorCode.CREDENTIALS_INVALID, ErrorCode.SCOPE_MISSING);
            case AccessRule.OrderTokenOrScope token -> Set.of(ErrorCode.CREDENTIALS_INVALID, ErrorCode.ORDER_NOT_FOUND);
        };
    }

    private static SecurityScheme bearer(String format, String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat(format).description(description);
    }

    /** OpenAPI 3.1 lets a bearer requirement list roles: here, the API key's scope. */
    private static SecurityRequirement apiKey(Scope scope) {
        return new SecurityRequirement().addList(API_KEY, scope.wireName());
    }

    private static SecurityRequirement only(String scheme) {
        return new SecurityRequirement().addList(scheme);
    }
}
