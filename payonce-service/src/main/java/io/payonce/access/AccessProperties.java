package io.payonce.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a buyer session lasts ({@code PAYONCE_BUYER_SESSION_TTL}, 24 h by default, as long as
 * stored answers) and how long a submit token may wait for its first use
 * ({@code PAYONCE_SUBMIT_TOKEN_TTL}, 30 min by default: a checkout page left open that long is
 * reloaded anyway, and a short life bounds the table).
 */
@ConfigurationProperties("payonce.access")
public record AccessProperties(Duration buyerSessionTtl, @DefaultValue("30m") Duration submitTokenTtl) {

    static final String TTL_SETTING = "payonce.access.buyer-session-ttl (PAYONCE_BUYER_SESSION_TTL)";
    static final String SUBMIT_TTL_SETTING = "payonce.access.submit-token-ttl (PAYONCE_SUBMIT_TOKEN_TTL)";

    public AccessProperties {
        requirePositive(buyerSessionTtl, TTL_SETTING, "24h");
        requirePositive(submitTokenTtl, SUBMIT_TTL_SETTING, "30m");
    }

    private static void requirePositive(Duration ttl, String setting, String example) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException(setting + " must be a positive duration, e.g. " + example);
        }
    }
}
