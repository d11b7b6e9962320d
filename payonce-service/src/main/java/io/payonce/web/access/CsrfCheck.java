package io.payonce.web.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a request authenticated by the console's cookie may change something. A browser sends the
 * cookie with any request to this site, even one a page of another site makes it send, so an
 * unsafe method also needs (1) the session's CSRF token in a header, which another site's page
 * cannot read, and (2) a browser's own word that the request comes from this origin: an
 * {@code Origin} equal to this service's, and {@code Sec-Fetch-Site: same-origin} when sent.
 * The SameSite=Strict cookie is a third, independent wall. Pure: strings in, a reason out.
 */
public final class CsrfCheck {

    public static final String TOKEN_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CsrfCheck() {
    }

    /**
     * Why a cookie-authenticated request must be refused; empty when it may go on.
     *
     * @param ownOrigin this service's origin as the request reached it ({@code http://127.0.0.1:8080})
     */
    public static Optional<String> refusal(String method, String presentedToken, String expectedToken, String origin,
                                           String secFetchSite, String ownOrigin) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (origin == null && secFetchSite == null) {
            return Optional.of("A change made with the console's cookie must come from the console's page "
                    + "(no Origin or Sec-Fetch-Site header); other clients use an API key");
        }
        Optional<String> crossSite = crossSite(origin, secFetchSite, ownOrigin);
        if (crossSite.isPresent()) {
            return crossSite;
        }
        if (presentedToken == null || !MessageDigest.isEqual(presentedToken.getBytes(StandardCharsets.UTF_8),
                expectedToken.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("The " + TOKEN_HEADER + " header is missing or is not this session's");
        }
        return Optional.empty();
    }

    /**
     * Why a request is from another site, by what the browser says (the login form, which has no
     * token yet, needs this part only); empty when the browser says same-origin or says nothing.
     */
    public static Optional<String> crossSite(String origin, String secFetchSite, String ownOrigin) {
        if (secFetchSite != null && !secFetchSite.equalsIgnoreCase("same-origin")) {
            return Optional.of("The browser says this request came from another site (Sec-Fetch-Site: " + printable(secFetchSite) + ")");
        }
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin)) {
            return Optional.of("The request came from another origin (" + printable(origin) + ")");
        }
        return Optional.empty();
    }

    /** A header value as a refusal may quote it: printable ASCII, at most 100 characters. */
    private static String printable(String value) {
        String safe = value.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > 100 ? safe.substring(0, 100) + "..." : safe;
    }
}
