package io.payonce.web.access;

import java.util.Map;

import io.payonce.access.Scope;

/**
 * Who may call what, in one table, keyed by the method and the matched route (never the raw
 * path, so encodings and trailing slashes cannot slip past). Anything under /v1/admin that the
 * table does not name needs the admin scope; everything else not named is open.
 */
final class AccessRules {

    private static final String ADMIN_PREFIX = "/v1/admin";

    private static final Map<String, AccessRule> RULES = Map.ofEntries(
            Map.entry("POST /v1/admin/products", new AccessRule.NeedsScope(Scope.CATALOG)),
            Map.entry("POST /v1/admin/products/{sku}/card-keys", new AccessRule.NeedsScope(Scope.CATALOG)),
            Map.entry("PATCH /v1/admin/products/{sku}", new AccessRule.NeedsScope(Scope.CATALOG)),
            Map.entry("POST /v1/orders", new AccessRule.BuyerOrScope(Scope.ORDERS_WRITE)),
            // Issue 10: whoever may create an order may get a token for it, bound to that same caller.
            Map.entry("POST /v1/submit-tokens", new AccessRule.BuyerOrScope(Scope.ORDERS_WRITE)),
            Map.entry("GET /v1/orders/{orderId}", new AccessRule.OrderTokenOrScope(Scope.ORDERS_READ)),
            Map.entry("HEAD /v1/orders/{orderId}", new AccessRule.OrderTokenOrScope(Scope.ORDERS_READ)),
            Map.entry("POST /v1/orders/{orderId}/payments", new AccessRule.OrderTokenOrScope(Scope.ORDERS_WRITE)),
            Map.entry("POST /v1/orders/{orderId}/cancel", new AccessRule.OrderTokenOrScope(Scope.ORDERS_WRITE)),
            Map.entry("POST /v1/orders/{orderId}/refunds", new AccessRule.NeedsScope(Scope.REFUNDS)),
            Map.entry("GET /api/member/{systemId}/{userId}", new AccessRule.NeedsScope(Scope.MEMBERS)),
            Map.entry("HEAD /api/member/{systemId}/{userId}", new AccessRule.NeedsScope(Scope.MEMBERS)));

    private AccessRules() {
    }

    /**
     * @param route the matched route pattern, or null when no route matched
     * @param path  the decoded request path: with the route, it decides the /v1/admin default, so
     *              neither an encoded path ({@code /v1/%61dmin/...}) nor a catch-all route slips past
     */
    static AccessRule ruleFor(String method, String route, String path) {
        AccessRule rule = route == null ? null : RULES.get(method + " " + route);
        if (rule != null) {
            return rule;
        }
        if (underAdmin(route) || underAdmin(path)) {
            return new AccessRule.NeedsScope(Scope.ADMIN);
        }
        return new AccessRule.Open();
    }

    private static boolean underAdmin(String path) {
        return path != null && (path.equals(ADMIN_PREFIX) || path.startsWith(ADMIN_PREFIX + "/"));
    }
}
