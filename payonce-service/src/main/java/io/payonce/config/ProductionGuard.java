package io.payonce.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Refuses to start production with a setting that is only safe for play. It runs before any bean
 * is created (no database is started for nothing), and its message starts with the setting's
 * name, so {@link SettingFailureAnalyzer} reports it as such.
 */
@Component
class ProductionGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> violations = violations(environment);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(violations.stream().collect(Collectors.joining(";\n")));
        }
    }

    /** Every refusal, each starting with the name of its setting; empty when the settings may start. */
    static List<String> violations(PropertyResolver settings) {
        if (Mode.parse(settings.getProperty(Mode.PROPERTY)).isEmpty()) {
            return List.of(Mode.SETTING + " must be sandbox or production, got '"
                    + settings.getProperty(Mode.PROPERTY).replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
        if (Mode.of(settings) != Mode.PRODUCTION) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        if (on(settings, ModeDefaults.SIMULATED_CHANNELS)) {
            violations.add(ModeDefaults.SIMULATED_CHANNELS.setting() + " must be off in production mode: "
                    + "the simulated gateways let anyone settle a payment nobody paid");
        }
        if (on(settings, ModeDefaults.TEST_HELPERS)) {
            violations.add(ModeDefaults.TEST_HELPERS.setting() + " must be off in production mode: "
                    + "the test helpers generate signing keys and create members without payment");
        }
        if (blank(settings, "payonce.admin.token")) {
            violations.add("payonce.admin.token (PAYONCE_ADMIN_TOKEN) must be set in production mode: "
                    + "a generated admin token changes at every start and is printed on the console");
        }
        cardKeyEncryptionKeyMissing(settings).ifPresent(violations::add);
        if (on(settings, "payonce.channels.alipay.enabled")
                && settings.getProperty("payonce.channels.alipay.gateway-url", "").strip().toLowerCase(java.util.Locale.ROOT).startsWith("http:")) {
            violations.add("payonce.channels.alipay.gateway-url (PAYONCE_CHANNELS_ALIPAY_GATEWAY_URL) must be https in production mode: "
                    + "over plain http anyone on the way reads every trade and can delay or drop the answers");
        }
        return violations;
    }

    /**
     * Kept apart on purpose: where the card-key encryption key may come from (a setting today, a
     * key file in the data folder later) is decided with the data-at-rest work.
     */
    static java.util.Optional<String> cardKeyEncryptionKeyMissing(PropertyResolver settings) {
        if (!blank(settings, "payonce.card-keys.encryption-key")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY) must be set in production mode: "
                + "without it the card-key codes would be encrypted with a key that is lost at the next start");
    }

    private static boolean on(PropertyResolver settings, ModeDefaults.Switch feature) {
        return on(settings, feature.property());
    }

    private static boolean on(PropertyResolver settings, String property) {
        return Boolean.parseBoolean(settings.getProperty(property, "false").strip());
    }

    private static boolean blank(PropertyResolver settings, String property) {
        String value = settings.getProperty(property);
        return value == null || value.isBlank();
    }
}
