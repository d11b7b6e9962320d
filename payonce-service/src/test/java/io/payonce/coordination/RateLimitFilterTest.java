package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payonce.web.ratelimit.RateLimitFilter;
import io.payonce.web.ratelimit.RateLimitRejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitFilterTest {

    private final RateLimitRejection envelope = new RateLimitRejection() {
        @Override
        public boolean appliesTo(HttpServletRequest request) {
            return request.getRequestURI().startsWith("/api/member/");
        }

        @Override
        public void write(HttpServletResponse response, long retryAfterSeconds) throws IOException {
            response.getWriter().write("{\"code\":42901}");
        }
    };
    private final RateLimitFilter filter = new RateLimitFilter(2, RateLimiter.local(new ClientBuckets(2, 100)), List.of(envelope), new SimpleMeterRegistry());

    @Test
    void past_the_limit_an_address_gets_429_with_retry_after_as_problem_json() throws Exception {
        int[] statuses = new int[3];
        MockHttpServletResponse last = null;
        for (int i = 0; i < 3; i++) {
            last = send("/v1/orders", "10.0.0.1");
            statuses[i] = last.getStatus();
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(last.getHeader("Retry-After")).isEqualTo("1");
        assertThat(last.getContentType()).isEqualTo("application/problem+json");
        assertThat(last.getContentAsString()).contains("\"code\":\"rate_limited\"").contains("\"status\":429");
        assertThat(send("/v1/orders", "10.0.0.2").getStatus()).isEqualTo(200);
    }

    @Test
    void the_membership_api_gets_its_envelope_instead() throws Exception {
        send("/api/member/createOrRenewMember", "10.0.0.3");
        send("/api/member/createOrRenewMember", "10.0.0.3");

        MockHttpServletResponse limited = send("/api/member/createOrRenewMember", "10.0.0.3");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(limited.getContentAsString()).isEqualTo("{\"code\":42901}");
    }

    private MockHttpServletResponse send(String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
