package io.payonce.membership;

import io.payonce.support.IntegrationTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The storms with the lock switched off: PostgreSQL alone (the grant's primary key and the
 * upsert's row lock) must give the same exact outcome.
 */
@IntegrationTest
@DirtiesContext
class RenewalStormLockOffIT extends RenewalStormScenarios {

    @DynamicPropertySource
    static void lockOff(DynamicPropertyRegistry registry) {
        registry.add("payonce.membership.lock-enabled", () -> "false");
        // Closed after the class (DirtiesContext); a smaller pool leaves connections to other contexts.
        registry.add("payonce.db.pool-size", () -> "16");
    }

    @Override
    boolean locking() {
        return false;
    }
}
