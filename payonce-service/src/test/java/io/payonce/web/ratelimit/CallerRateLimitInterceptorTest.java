package io.payonce.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payonce.access.Caller;
import io.payonce.access.Scope;
import io.payonce.coordination.RateLimiter;
import io.payonce.web.access.RequestAccess;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CallerRateLimitInterceptorTest {

    /** Where the access check leaves the caller (RequestAccess's own attribute). */
    private static final String CALLER = RequestAccess.class.getName() + ".caller";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Two tokens per caller, refilled only after an hour, so a slow machine cannot refill one mid-test. */
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final RateLimiter twoPerHour = key -> buckets.computeIfAbsent(key, k -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(2).refillIntervally(2, Duration.ofHours(1)).build()).build())
            .tryConsumeAndReturnRemaining(1);
    private final CallerRateLimitInterceptor interceptor = new CallerRateLimitInterceptor(2, twoPerHour, List.of(), meters);

    @Test
    void a_buyer_past_its_budget_gets_429_with_retry_after_whatever_its_address() throws Exception {
        Caller buyer = new Caller.Buyer("abcdefghijkl", null);

        assertThat(interceptor.preHandle(request(buyer, "10.0.0.1"), new MockHttpServletResponse(), null)).isTrue();
        assertThat(interceptor.preHandle(request(buyer, "10.0.0.2"), new MockHttpServletResponse(), null)).isTrue();
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(interceptor.preHandle(request(buyer, "10.0.0.3"), refused, null)).isFalse();

        assertThat(refused.getStatus()).isEqualTo(429);
        // An hour's refill away, rounded up to whole seconds.
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(3590L, 3600L);
        assertThat(refused.getContentAsString()).contains("\"code\":\"rate_limited\"").contains("with this credential");
        assertThat(meters.get("payonce.rate_limit.caller.rejected").counter().count()).isEqualTo(1.0);
    }

    @Test
    void each_api_key_and_each_buyer_has_a_budget_of_its_own() throws Exception {
        Caller first = new Caller.ApiKey("key000000001", Set.of(Scope.ORDERS_WRITE), null);
        Caller second = new Caller.ApiKey("key000000002", Set.of(Scope.ORDERS_WRITE), null);
        for (int i = 0; i < 2; i++) {
            interceptor.preHandle(request(first, "10.0.0.1"), new MockHttpServletResponse(), null);
        }

        assertThat(interceptor.preHandle(request(second, "10.0.0.1"), new MockHttpServletResponse(), null)).isTrue();
        assertThat(interceptor.preHandle(request(first, "10.0.0.1"), new MockHttpServletResponse(), null)).isFalse();
    }

    @Test
    void the_admin_token_anonymous_requests_and_unlimited_paths_are_not_charged() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(interceptor.preHandle(request(new Caller.Root(null), "10.0.0.1"), new MockHttpServletResponse(), null)).isTrue();
            assertThat(interceptor.preHandle(request(new Caller.Anonymous(), "10.0.0.1"), new MockHttpServletResponse(), null)).isTrue();
            MockHttpServletRequest admin = request(new Caller.Buyer("abcdefghijkl", null), "10.0.0.1");
            admin.setServletPath("/v1/admin/products");
            assertThat(interceptor.preHandle(admin, new MockHttpServletResponse(), null)).isTrue();
        }
    }

    @Test
    void the_bucket_key_is_the_credentials_owner_and_never_its_secret() {
        assertThat(CallerRateLimitInterceptor.limitedCaller(new Caller.Buyer("abcdefghijkl", null))).isEqualTo("buyer:abcdefghijkl");
        assertThat(CallerRateLimitInterceptor.limitedCaller(new Caller.ApiKey("key000000001", Set.of(), null))).isEqualTo("key:key000000001");
        assertThat(CallerRateLimitInterceptor.limitedCaller(new Caller.Root(null))).isNull();
        assertThat(CallerRateLimitInterceptor.limitedCaller(new Caller.Anonymous())).isNull();
    }

    private static MockHttpServletRequest request(Caller caller, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/orders");
        request.setServletPath("/v1/orders");
        request.setRemoteAddr(address);
        request.setAttribute(CALLER, caller);
        return request;
    }
}
