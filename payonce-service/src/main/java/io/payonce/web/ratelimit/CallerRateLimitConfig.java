package io.payonce.web.ratelimit;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.config.PayonceProperties;
import io.payonce.coordination.RateLimiters;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the per-caller limit behind the access check ({@code payonce.rate-limit.caller-per-second};
 * 0, or {@code per-second} 0, turns it off).
 */
@Configuration(proxyBeanMethods = false)
class CallerRateLimitConfig implements WebMvcConfigurer {

    /** After the access interceptor (order 0), which finds out who the caller is. */
    private static final int AFTER_ACCESS = 10;

    private final PayonceProperties properties;
    private final RateLimiters limiters;
    private final List<RateLimitRejection> rejections;
    private final MeterRegistry meters;

    CallerRateLimitConfig(PayonceProperties properties, RateLimiters limiters, List<RateLimitRejection> rejections, MeterRegistry meters) {
        this.properties = properties;
        this.limiters = limiters;
        this.rejections = rejections;
        this.meters = meters;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        int perSecond = properties.rateLimit().callerPerSecond();
        if (perSecond > 0 && properties.rateLimit().perSecond() > 0) {
            registry.addInterceptor(new CallerRateLimitInterceptor(perSecond, limiters.create("caller", perSecond), rejections, meters))
                    .order(AFTER_ACCESS);
        }
    }
}
