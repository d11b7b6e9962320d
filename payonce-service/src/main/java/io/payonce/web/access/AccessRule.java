package io.payonce.web.access;

import io.payonce.access.Scope;

/** What one endpoint asks of its caller. */
sealed interface AccessRule {

    /** Anyone: no credential is read. */
    record Open() implements AccessRule {
    }

    /** An API key with the scope, or the admin token. */
    record NeedsScope(Scope scope) implements AccessRule {
    }

    /** A buyer session, or an API key with the scope: creating an order. */
    record BuyerOrScope(Scope scope) implements AccessRule {
    }

    /** The order's token ({@code X-Order-Token}), or an API key with the scope; else the order "does not exist". */
    record OrderTokenOrScope(Scope scope) implements AccessRule {
    }
}
