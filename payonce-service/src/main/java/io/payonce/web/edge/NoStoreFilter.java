package io.payonce.web.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Cache-Control: no-store} on every answer of the endpoints that can hold a secret: orders
 * (delivered card keys, and the order's own details), memberships, and the admin API (a generated
 * key pair). Set before the request is handled, so errors and stored idempotent answers carry it
 * too, and no browser, proxy or CDN keeps a copy.
 */
final class NoStoreFilter extends OncePerRequestFilter {

    /** Servlet URL patterns of the endpoints whose answers may hold a secret. */
    static final String[] PATHS = {"/v1/orders/*", "/api/member/*", "/v1/admin/*"};

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        chain.doFilter(request, response);
    }
}
