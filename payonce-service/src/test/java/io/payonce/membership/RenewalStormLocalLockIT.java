package io.payonce.membership;

import io.payonce.support.IntegrationTest;

/** The storms with the default configuration: the in-process per-user lock. */
@IntegrationTest
class RenewalStormLocalLockIT extends RenewalStormScenarios {

    @Override
    boolean locking() {
        return true;
    }
}
