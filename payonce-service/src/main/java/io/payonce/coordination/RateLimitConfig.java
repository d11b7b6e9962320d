package io.payonce.coordination;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.config.PayonceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the rate limit on the public endpoints only: orders, products, buyer sessions and the membership API.
 * Admin endpoints (token-protected), gateway callbacks (which a gateway retries, and must not be
 * refused), the simulator and actuator are never limited.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    /** Servlet URL patterns; "/v1/orders/*" also matches "/v1/orders" itself. */
    static final String[] PUBLIC_PATHS = {"/v1/orders/*", "/v1/products/*", "/api/member/*", "/v1/buyer-sessions"};

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(PayonceProperties properties, CoordinationProperties coordination,
                                                            List<RateLimitRejection> rejections, MeterRegistry meters) {
        int perSecond = properties.rateLimit().perSecond();
        ClientBuckets buckets = new ClientBuckets(Math.max(1, perSecond), coordination.rateLimitClientsMax());
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(perSecond, buckets, rejections, meters));
        registration.addUrlPatterns(PUBLIC_PATHS);
        // Early, so a refused request costs as little as possible.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        registration.setEnabled(perSecond > 0);
        return registration;
    }
}
