package io.payonce.membership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Membership counters: {@code payonce.membership.outcomes} by source (api, shop) and result
 * (created, renewed, replayed, or the refusal), and {@code payonce.membership.replays} by what
 * was repeated (an order, answered from its stored grant; a nonce, refused).
 */
@Component
public class MembershipMetrics {

    private final MeterRegistry meters;

    MembershipMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void granted(String source, GrantResult result) {
        outcome(source, result.tag());
        if (result instanceof GrantResult.Replayed) {
            replay("order");
        }
    }

    public void refused(MemberError error) {
        outcome("api", error.tag());
        if (error == MemberError.REPLAYED_NONCE) {
            replay("nonce");
        }
    }

    private void outcome(String source, String result) {
        Counter.builder("payonce.membership.outcomes")
                .description("Membership grants and refusals, by source and result")
                .tag("source", source).tag("result", result)
                .register(meters).increment();
    }

    private void replay(String kind) {
        Counter.builder("payonce.membership.replays")
                .description("Repeated membership orders (answered from the stored grant) and nonces (refused)")
                .tag("kind", kind)
                .register(meters).increment();
    }
}
