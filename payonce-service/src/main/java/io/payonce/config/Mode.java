package io.payonce.config;

import java.util.Locale;
import java.util.Optional;

import org.springframework.core.env.PropertyResolver;

/**
 * How payonce runs ({@code PAYONCE_MODE}). Sandbox, the default, has the simulated gateways and
 * the test helpers; production has neither and refuses settings that are only safe for play.
 */
public enum Mode {
    SANDBOX, PRODUCTION;

    static final String SETTING = "payonce.mode (PAYONCE_MODE)";
    static final String PROPERTY = "payonce.mode";

    /** The configured mode; empty when the value is neither sandbox nor production. */
    static Optional<Mode> parse(String value) {
        String wanted = value == null || value.isBlank() ? "sandbox" : value.strip().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "sandbox" -> Optional.of(SANDBOX);
            case "production" -> Optional.of(PRODUCTION);
            default -> Optional.empty();
        };
    }

    /** An unreadable mode counts as production for defaults, so a typo never switches a simulator on. */
    public static Mode of(PropertyResolver environment) {
        return parse(environment.getProperty(PROPERTY)).orElse(PRODUCTION);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
