package io.payonce.access;

import java.time.Duration;

import io.payonce.config.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The owner's console ({@code payonce.console.*}, env PAYONCE_CONSOLE_* and PAYONCE_OWNER_*).
 *
 * @param ownerName          the owner's account name at the login form
 * @param ownerPassword      sets the owner's password at start-up (stored hashed); empty keeps the
 *                           stored one, or in sandbox mode generates one the first time and prints it
 * @param passwordIterations PBKDF2 iterations for a newly set password
 * @param sessionTtl         how long a console session lasts from its login
 * @param accountFailuresMax wrong passwords for one account within the window before it is locked out
 * @param ipFailuresMax      failed logins from one client address within the window before it is locked out
 * @param failureWindow      how long failures are counted, from the first of them
 * @param lockout            how long a lock-out lasts
 */
@Validated
@ConfigurationProperties("payonce.console")
public record ConsoleProperties(
        @DefaultValue("owner") String ownerName,
        String ownerPassword,
        @DefaultValue("600000") @Min(PasswordHashes.ITERATIONS_MIN) @Max(10_000_000) int passwordIterations,
        @DefaultValue("8h") @PositiveDuration Duration sessionTtl,
        @DefaultValue("5") @Min(1) @Max(1000) int accountFailuresMax,
        @DefaultValue("20") @Min(1) @Max(100_000) int ipFailuresMax,
        @DefaultValue("15m") @PositiveDuration Duration failureWindow,
        @DefaultValue("15m") @PositiveDuration Duration lockout) {

    /** Shorter passwords fall to guessing even at 600,000 iterations. */
    public static final int PASSWORD_CHARS_MIN = 10;

    public ConsoleProperties {
        if (ownerName == null || !ownerName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalStateException("payonce.console.owner-name (PAYONCE_OWNER_NAME) must be 1 to 64 characters of "
                    + "A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        if (ownerPassword != null && !ownerPassword.isEmpty()
                && (ownerPassword.length() < PASSWORD_CHARS_MIN || ownerPassword.length() > PasswordHashes.PASSWORD_CHARS_MAX)) {
            throw new IllegalStateException("payonce.console.owner-password (PAYONCE_OWNER_PASSWORD) must be "
                    + PASSWORD_CHARS_MIN + " to " + PasswordHashes.PASSWORD_CHARS_MAX + " characters");
        }
    }

    LoginThrottle accountThrottle() {
        return new LoginThrottle(accountFailuresMax, failureWindow, lockout);
    }

    LoginThrottle ipThrottle() {
        return new LoginThrottle(ipFailuresMax, failureWindow, lockout);
    }

    @Override
    public String toString() {
        return "ConsoleProperties[ownerName=" + ownerName + ", ownerPassword=" + (ownerPassword == null || ownerPassword.isEmpty()
                ? "(none)" : "(redacted)") + ", sessionTtl=" + sessionTtl + ", accountFailuresMax=" + accountFailuresMax
                + ", ipFailuresMax=" + ipFailuresMax + ", failureWindow=" + failureWindow + ", lockout=" + lockout + "]";
    }
}
