package io.payonce.web.ratelimit;

import java.io.IOException;
import java.util.List;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.access.Caller;
import io.payonce.coordination.RateLimiter;
import io.payonce.web.access.RequestAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits each authenticated caller (an API key, a buyer session) to {@code perSecond} requests on
 * the rate-limited endpoints, however many addresses it calls from; the per-address limit
 * ({@link RateLimitFilter}) still applies to each of them. It runs after the access check, so a
 * bucket is only ever charged for a credential that was proven: nobody can spend another
 * caller's budget by sending its key id with a wrong secret. The admin token is the operator and
 * is not limited; an anonymous request has only its address's limit.
 */
final class CallerRateLimitInterceptor implements HandlerInterceptor {

    private final int perSecond;
    private final RateLimiter limiter;
    private final List<RateLimitRejection> rejections;
    private final Counter rejected;

    CallerRateLimitInterceptor(int perSecond, RateLimiter limiter, List<RateLimitRejection> rejections, MeterRegistry meters) {
        this.perSecond = perSecond;
        this.limiter = limiter;
        this.rejections = List.copyOf(rejections);
        this.rejected = Counter.builder("payonce.rate_limit.caller.rejected")
                .description("Requests refused with 429 by the per-caller rate limit")
                .register(meters);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String key = limitedCaller(RequestAccess.caller(request));
        if (key == null || !RateLimitConfig.limits(request.getServletPath())) {
            return true;
        }
        ConsumptionProbe probe = limiter.tryConsume(key);
        if (probe.isConsumed()) {
            return true;
        }
        rejected.increment();
        long retryAfterSeconds = RateLimitFilter.retryAfterSeconds(probe);
        RateLimitFilter.refuse(request, response, rejections, retryAfterSeconds,
                "More than " + perSecond + " requests per second with this credential; retry after " + retryAfterSeconds + " s");
        return false;
    }

    /** The bucket's key: the credential's owner name (an id, never a secret), or null for a caller not limited. */
    static String limitedCaller(Caller caller) {
        return switch (caller) {
            case Caller.ApiKey key -> key.owner();
            case Caller.Buyer buyer -> buyer.owner();
            case Caller.Root root -> null;
            case Caller.Owner owner -> null; // the console: a person at a screen, held by its log-in lock-out
            case Caller.Anonymous anonymous -> null;
        };
    }
}
