package io.payonce.access;

import java.util.Set;

/**
 * Who sent a request, as far as its credential tells: nobody, a buyer session, a merchant API key,
 * the admin token, or the owner's console session. Each credential owns its own Idempotency-Keys ({@link #owner()}).
 */
public sealed interface Caller {

    boolean has(Scope scope);

    /** The namespace of this caller's Idempotency-Keys; never a secret. */
    String owner();

    /** The way this caller's order tokens are made; null for a caller that cannot create orders. */
    TokenSeed tokenSeed();

    /** No credential. */
    record Anonymous() implements Caller {
        @Override
        public boolean has(Scope scope) {
            return false;
        }

        @Override
        public String owner() {
            return "anonymous";
        }

        @Override
        public TokenSeed tokenSeed() {
            return null;
        }
    }

    /** {@code PAYONCE_ADMIN_TOKEN}: the root credential, every scope. */
    record Root(TokenSeed tokenSeed) implements Caller {
        @Override
        public boolean has(Scope scope) {
            return true;
        }

        @Override
        public String owner() {
            return "root";
        }
    }

    /** A merchant API key that is not revoked. */
    record ApiKey(String keyId, Set<Scope> scopes, TokenSeed tokenSeed) implements Caller {
        public ApiKey {
            scopes = Set.copyOf(scopes);
        }

        @Override
        public boolean has(Scope scope) {
            return scopes.contains(scope);
        }

        @Override
        public String owner() {
            return "key:" + keyId;
        }
    }

    /** An anonymous buyer's session that has not expired. */
    record Buyer(String sessionId, TokenSeed tokenSeed) implements Caller {
        @Override
        public boolean has(Scope scope) {
            return false;
        }

        @Override
        public String owner() {
            return "buyer:" + sessionId;
        }
    }

    /**
     * The shop owner, signed in to the console with a session cookie: every scope, like the admin
     * token, but named by account so the log and the Idempotency-Keys tell the two apart.
     */
    record Owner(String account, String sessionId) implements Caller {
        @Override
        public boolean has(Scope scope) {
            return true;
        }

        @Override
        public String owner() {
            return "owner:" + account;
        }

        /** The console creates no orders (its cookie is not read where orders are created). */
        @Override
        public TokenSeed tokenSeed() {
            return null;
        }
    }
}
