package io.payonce.web.ratelimit;

import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.config.PayonceProperties;
import io.payonce.coordination.RateLimiter;
import io.payonce.coordination.RateLimiters;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the rate limits on the endpoints anyone can reach: orders, products, buyer sessions and
 * the membership API, and, with a budget of their own, gateway callbacks. Admin endpoints
 * (token-protected), the simulator and actuator are never limited.
 * {@code payonce.rate-limit.per-second=0} turns every limit off.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {

    /** Servlet URL patterns; "/v1/orders/*" also matches "/v1/orders" itself. */
    static final String[] PUBLIC_PATHS = {"/v1/orders/*", "/v1/products/*", "/api/member/*", "/v1/buyer-sessions", "/v1/store/*", "/v1/submit-tokens"};
    static final String[] CALLBACK_PATHS = {"/v1/callbacks/*"};

    /** Whether a per-address limit (the public one or the callbacks') covers a route (a request path or a route pattern). */
    public static boolean limits(String route) {
        return java.util.stream.Stream.of(PUBLIC_PATHS, CALLBACK_PATHS).flatMap(Arrays::stream).anyMatch(pattern -> pattern.endsWith("/*")
                ? route.equals(pattern.substring(0, pattern.length() - 2)) || route.startsWith(pattern.substring(0, pattern.length() - 1))
                : route.equals(pattern));
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(PayonceProperties properties, RateLimiters limiters,
                                                            List<RateLimitRejection> rejections, MeterRegistry meters) {
        int perSecond = properties.rateLimit().perSecond();
        return registration("rateLimitFilter", perSecond, perSecond > 0, PUBLIC_PATHS, limiters.create("ip", perSecond), rejections, meters);
    }

    /**
     * Callbacks get buckets of their own, so a buyer's traffic from the gateway's address cannot
     * use up the gateway's budget, nor the reverse. A refused notification is answered 429 and the
     * gateway sends it again on its retry schedule (every gateway retries until it reads
     * {@code success}), so the limit delays an honest notification but never loses it; what it
     * bounds is the signature checks and database reads a flood of forged ones costs.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> callbackRateLimitFilter(PayonceProperties properties, RateLimiters limiters,
                                                                    List<RateLimitRejection> rejections, MeterRegistry meters) {
        int perSecond = properties.rateLimit().callbacksPerSecond();
        boolean enabled = properties.rateLimit().perSecond() > 0 && perSecond > 0;
        return registration("callbackRateLimitFilter", perSecond, enabled, CALLBACK_PATHS, limiters.create("callback-ip", perSecond), rejections, meters);
    }

    private static FilterRegistrationBean<RateLimitFilter> registration(String name, int perSecond, boolean enabled, String[] paths,
                                                                        RateLimiter limiter,
                                                                        List<RateLimitRejection> rejections, MeterRegistry meters) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(perSecond, limiter, rejections, meters));
        registration.setName(name);
        registration.addUrlPatterns(paths);
        // Early, so a refused request costs as little as possible.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        registration.setEnabled(enabled);
        return registration;
    }
}
