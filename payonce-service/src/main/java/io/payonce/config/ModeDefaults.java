package io.payonce.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the switches that depend on the mode their value before any bean is created: each is on
 * in sandbox and off in production unless set explicitly. Beans are then simply conditional on
 * the switch ({@code @ConditionalOnBooleanProperty}), and {@link ProductionGuard} refuses a
 * switch that is on in production.
 */
class ModeDefaults implements EnvironmentPostProcessor {

    /** A switch: its property, the documented environment variable, and properties it also sets. */
    record Switch(String property, String variable, String... alsoSets) {
        String setting() {
            return property + " (" + variable + ")";
        }
    }

    static final Switch TEST_HELPERS = new Switch("payonce.test-helpers.enabled", "PAYONCE_TEST_HELPERS_ENABLED");
    static final Switch SWAGGER_UI = new Switch("payonce.swagger-ui.enabled", "PAYONCE_SWAGGER_UI_ENABLED",
            "springdoc.swagger-ui.enabled", "springdoc.api-docs.enabled");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean sandbox = Mode.of(environment) == Mode.SANDBOX;
        Map<String, Object> effective = new LinkedHashMap<>();
        for (Switch feature : new Switch[] {TEST_HELPERS, SWAGGER_UI}) {
            String value = configured(environment, feature);
            String on = String.valueOf(value == null ? sandbox : Boolean.parseBoolean(value.strip()));
            effective.put(feature.property(), on);
            for (String also : feature.alsoSets()) {
                effective.put(also, on);
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource("payonceModeSwitches", effective));
    }

    /** The explicit setting, by property or by its documented variable; null when not set. */
    static String configured(ConfigurableEnvironment environment, Switch feature) {
        String value = environment.getProperty(feature.property());
        if (value == null || value.isBlank()) {
            value = environment.getProperty(feature.variable());
        }
        return value == null || value.isBlank() ? null : value;
    }
}
