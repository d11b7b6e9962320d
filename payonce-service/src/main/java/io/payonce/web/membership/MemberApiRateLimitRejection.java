package io.payonce.web.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.payonce.web.ratelimit.RateLimitRejection;
import io.payonce.membership.MemberError;
import io.payonce.membership.MembershipMetrics;
import io.payonce.web.ratelimit.RateLimitRejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** A rate-limited membership request gets the envelope (code 42901), not problem+json. */
@Component
class MemberApiRateLimitRejection implements RateLimitRejection {

    private final MembershipMetrics metrics;

    MemberApiRateLimitRejection(MembershipMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean appliesTo(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/member/");
    }

    @Override
    public void write(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        metrics.refused(MemberError.RATE_LIMITED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        String json = MemberEnvelope.errorJson(MemberError.RATE_LIMITED, "too many requests; retry after " + retryAfterSeconds + " s");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
