package io.payonce.web.store;

import java.time.Duration;

import io.payonce.captcha.CaptchaSettings;
import io.payonce.config.PayonceProperties;
import io.payonce.coordination.ClientBuckets;
import io.payonce.coordination.CoordinationProperties;
import org.springframework.stereotype.Component;

/**
 * The storefront's per-address budgets, in this instance's memory like the rate limit (several
 * instances each keep their own, so a client spread over N instances gets N budgets; nothing
 * about money depends on them). {@code payonce.rate-limit.per-second=0} turns both off.
 */
@Component
class StoreLimits {

    /**
     * Ten lookups per ten minutes: a buyer checking an order a few times stays far below, while
     * guessing the email of a known order number gets ten guesses per address per ten minutes.
     */
    static final int LOOKUPS_PER_WINDOW = 10;
    static final Duration LOOKUP_WINDOW = Duration.ofMinutes(10);

    private final ClientBuckets lookups;
    private final boolean lookupsLimited;
    private final ClientBuckets freeOrders;
    private final boolean captchaEnabled;

    StoreLimits(PayonceProperties properties, CaptchaSettings captcha, CoordinationProperties coordination) {
        boolean limits = properties.rateLimit().perSecond() > 0;
        int clientsMax = coordination.rateLimitClientsMax();
        this.lookups = ClientBuckets.perWindow(LOOKUPS_PER_WINDOW, LOOKUP_WINDOW, clientsMax);
        this.lookupsLimited = limits;
        this.captchaEnabled = limits && captcha.freeOrders() > 0;
        this.freeOrders = ClientBuckets.perWindow(Math.max(1, captcha.freeOrders()), captcha.freeOrdersWindow(), clientsMax);
    }

    /** Whether one more lookup from this address is within its budget (and takes it from the budget). */
    boolean allowsLookup(String address) {
        return !lookupsLimited || lookups.forClient(address).tryConsume(1);
    }

    /** Orders an address creates before it must solve a challenge. */
    ClientBuckets freeOrders() {
        return freeOrders;
    }

    boolean captchaEnabled() {
        return captchaEnabled;
    }
}
