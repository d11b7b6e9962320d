package io.payonce.webhooks;

import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The webhook settings as they take effect: the retry schedule built (a bad one stops start-up,
 * naming the setting), and whether private addresses are allowed, which defaults by mode: yes in
 * sandbox (local receivers), no in production.
 */
@Component
class WebhookSettings {

    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final boolean privateAddressesAllowed;

    WebhookSettings(WebhookProperties properties, Environment environment) {
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retryDelays(), properties.retryJitter());
        boolean sandbox = environment.getProperty("payonce.mode", "sandbox").strip().toLowerCase(Locale.ROOT).equals("sandbox");
        this.privateAddressesAllowed = properties.privateAddressesAllowed() == null ? sandbox : properties.privateAddressesAllowed();
    }

    WebhookProperties properties() {
        return properties;
    }

    RetrySchedule schedule() {
        return schedule;
    }

    boolean privateAddressesAllowed() {
        return privateAddressesAllowed;
    }
}
