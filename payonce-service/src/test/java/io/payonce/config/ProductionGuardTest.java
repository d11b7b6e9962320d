package io.payonce.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    @Test
    void sandbox_allows_everything_that_production_refuses() {
        MockEnvironment sandbox = new MockEnvironment().withProperty("payonce.sim.enabled", "true")
                .withProperty("payonce.test-helpers.enabled", "true");

        assertThat(ProductionGuard.violations(sandbox)).isEmpty();
    }

    @Test
    void production_lists_every_refused_setting_at_once_each_starting_with_its_name() {
        MockEnvironment production = new MockEnvironment().withProperty("payonce.mode", "Production")
                .withProperty("payonce.sim.enabled", "true").withProperty("payonce.test-helpers.enabled", "true");

        assertThat(ProductionGuard.violations(production)).satisfiesExactly(
                sim -> assertThat(sim).startsWith("payonce.sim.enabled (PAYONCE_SIM_ENABLED)"),
                helpers -> assertThat(helpers).startsWith("payonce.test-helpers.enabled (PAYONCE_TEST_HELPERS_ENABLED)"),
                admin -> assertThat(admin).startsWith("payonce.admin.token (PAYONCE_ADMIN_TOKEN)"),
                cardKey -> assertThat(cardKey).startsWith("payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY)"));
    }

    @Test
    void production_with_its_secrets_set_and_the_sandbox_switches_off_starts() {
        MockEnvironment production = new MockEnvironment().withProperty("payonce.mode", "production")
                .withProperty("payonce.sim.enabled", "false").withProperty("payonce.test-helpers.enabled", "false")
                .withProperty("payonce.admin.token", "a-long-enough-admin-token")
                .withProperty("payonce.card-keys.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

        assertThat(ProductionGuard.violations(production)).isEmpty();
    }

    @Test
    void a_mode_that_is_neither_is_refused_even_before_the_other_rules() {
        assertThat(ProductionGuard.violations(new MockEnvironment().withProperty("payonce.mode", "prod")))
                .containsExactly("payonce.mode (PAYONCE_MODE) must be sandbox or production, got 'prod'");
    }

    @Test
    void production_refuses_an_alipay_gateway_over_plain_http_and_takes_https() {
        MockEnvironment production = new MockEnvironment().withProperty("payonce.mode", "production")
                .withProperty("payonce.admin.token", "a-long-enough-admin-token")
                .withProperty("payonce.card-keys.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .withProperty("payonce.channels.alipay.enabled", "true")
                .withProperty("payonce.channels.alipay.gateway-url", " HTTP://openapi.alipay.com/gateway.do");

        assertThat(ProductionGuard.violations(production)).singleElement().asString()
                .startsWith("payonce.channels.alipay.gateway-url (PAYONCE_CHANNELS_ALIPAY_GATEWAY_URL) must be https");

        production.setProperty("payonce.channels.alipay.gateway-url", "https://openapi.alipay.com/gateway.do");
        assertThat(ProductionGuard.violations(production)).isEmpty();
    }

    @Test
    void sandbox_may_reach_its_own_gateway_over_http() {
        MockEnvironment sandbox = new MockEnvironment().withProperty("payonce.channels.alipay.enabled", "true")
                .withProperty("payonce.channels.alipay.gateway-url", "http://127.0.0.1:9090/alipay/gateway.do");

        assertThat(ProductionGuard.violations(sandbox)).isEmpty();
    }
}
