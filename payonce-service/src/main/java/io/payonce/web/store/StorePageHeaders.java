package io.payonce.web.store;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on the storefront's pages. The order page holds card keys and the order's
 * token, so no script but our own may run on it (a Content-Security-Policy that allows only this
 * origin's files, and the captcha's data: image), no other site may frame it, and no page sends a
 * Referer anywhere.
 */
@Configuration(proxyBeanMethods = false)
class StorePageHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String[] PAGES = {"/", "/index.html", "/product.html", "/order.html", "/lookup.html", "/store/*"};

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> storePageHeadersFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("Referrer-Policy", "no-referrer");
                response.setHeader("X-Content-Type-Options", "nosniff");
                chain.doFilter(request, response);
            }
        });
        registration.setName("storePageHeaders");
        registration.addUrlPatterns(PAGES);
        return registration;
    }
}
