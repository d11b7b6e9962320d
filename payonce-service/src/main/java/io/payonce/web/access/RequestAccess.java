package io.payonce.web.access;

import jakarta.servlet.http.HttpServletRequest;

import io.payonce.access.Caller;

/** What {@link AccessInterceptor} found out about a request, for the controllers that need it. */
public final class RequestAccess {

    private static final String CALLER = RequestAccess.class.getName() + ".caller";
    private static final String OWNER = RequestAccess.class.getName() + ".owner";

    private RequestAccess() {
    }

    static void remember(HttpServletRequest request, Caller caller, String owner) {
        request.setAttribute(CALLER, caller);
        request.setAttribute(OWNER, owner);
    }

    /** The authenticated caller; anonymous on an endpoint that reads no credential. */
    public static Caller caller(HttpServletRequest request) {
        Object caller = request.getAttribute(CALLER);
        return caller == null ? new Caller.Anonymous() : (Caller) caller;
    }

    /**
     * The namespace of the request's Idempotency-Keys: the API key, the buyer session, or the
     * order whose token was sent. Two callers never share one, so they never see each other's
     * stored answers.
     */
    public static String idempotencyOwner(HttpServletRequest request) {
        Object owner = request.getAttribute(OWNER);
        if (owner == null) {
            throw new IllegalStateException("No access rule ran for an idempotent endpoint: " + request.getRequestURI());
        }
        return (String) owner;
    }
}
