package io.payonce.web.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.coordination.RateLimiter;
import io.payonce.web.ErrorCode;
import io.payonce.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the public endpoints to {@code perSecond} requests per second per client address
 * (a token bucket of that capacity refilled at that rate, so a burst of one second's worth is
 * allowed), counted across every instance when Redis is configured. The address is the connection's remote address: behind a proxy, set
 * {@code server.forward-headers-strategy=native} so it is the client's, not the proxy's;
 * X-Forwarded-For is never trusted on its own because any client can forge it.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final int perSecond;
    private final RateLimiter limiter;
    private final List<RateLimitRejection> rejections;
    private final Counter rejected;

    public RateLimitFilter(int perSecond, RateLimiter limiter, List<RateLimitRejection> rejections, MeterRegistry meters) {
        this.perSecond = perSecond;
        this.limiter = limiter;
        this.rejections = List.copyOf(rejections);
        this.rejected = Counter.builder("payonce.rate_limit.rejected")
                .description("Requests refused with 429 by the per-address rate limit")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = limiter.tryConsume(request.getRemoteAddr());
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        rejected.increment();
        long retryAfterSeconds = retryAfterSeconds(probe);
        refuse(request, response, rejections, retryAfterSeconds,
                "More than " + perSecond + " requests per second from this address; retry after " + retryAfterSeconds + " s");
    }

    static long retryAfterSeconds(ConsumptionProbe probe) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /** Answers 429 with Retry-After, in the endpoint's own error shape when a rejection claims it, else problem+json. */
    static void refuse(HttpServletRequest request, HttpServletResponse response, List<RateLimitRejection> rejections,
                       long retryAfterSeconds, String detail) throws IOException {
        response.setStatus(ErrorCode.RATE_LIMITED.status().value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        RateLimitRejection custom = rejections.stream().filter(r -> r.appliesTo(request)).findFirst().orElse(null);
        if (custom != null) {
            custom.write(response, retryAfterSeconds);
        } else {
            writeProblem(response, detail);
        }
    }

    private static void writeProblem(HttpServletResponse response, String detail) throws IOException {
        // Written by hand: a constant shape, and the cheapest possible answer for a flood.
        ErrorCode code = ErrorCode.RATE_LIMITED;
        String body = "{\"type\":\"urn:payonce:problem:" + code.code() + "\",\"title\":\"" + code.title()
                + "\",\"status\":" + code.status().value()
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code.code() + "\"}";
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
