package io.payonce.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long a buyer session lasts ({@code PAYONCE_BUYER_SESSION_TTL}, 24 h by default, as long as stored answers). */
@ConfigurationProperties("payonce.access")
public record AccessProperties(Duration buyerSessionTtl) {

    static final String TTL_SETTING = "payonce.access.buyer-session-ttl (PAYONCE_BUYER_SESSION_TTL)";

    public AccessProperties {
        if (buyerSessionTtl == null || buyerSessionTtl.isNegative() || buyerSessionTtl.isZero()) {
            throw new IllegalStateException(TTL_SETTING + " must be a positive duration, e.g. 24h");
        }
    }
}
