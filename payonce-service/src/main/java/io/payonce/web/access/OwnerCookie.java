package io.payonce.web.access;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseCookie;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page makes the browser send it), Path=/ and, over https, Secure under the {@code __Host-} prefix
 * (which forbids a Domain attribute, so no sibling subdomain can plant or shadow it).
 */
public final class OwnerCookie {

    static final String PLAIN_NAME = "payonce_console";
    static final String SECURE_NAME = "__Host-payonce_console";

    private OwnerCookie() {
    }

    /** The cookie's value, or null; over https only the {@code __Host-} cookie counts. */
    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = nameFor(request);
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    public static ResponseCookie issue(HttpServletRequest request, String token, Duration maxAge) {
        return ResponseCookie.from(nameFor(request), token).httpOnly(true).secure(request.isSecure()).sameSite("Strict")
                .path("/").maxAge(maxAge).build();
    }

    public static ResponseCookie clear(HttpServletRequest request) {
        return issue(request, "", Duration.ZERO);
    }

    /** This service's origin as the request reached it: what a same-origin page's {@code Origin} says. */
    public static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static String nameFor(HttpServletRequest request) {
        return request.isSecure() ? SECURE_NAME : PLAIN_NAME;
    }
}
