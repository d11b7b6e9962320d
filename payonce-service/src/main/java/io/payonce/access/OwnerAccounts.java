package io.payonce.access;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's account for the console: its password, stored only as a slow hash. Set at start-up
 * from {@code PAYONCE_OWNER_PASSWORD}; in sandbox mode, with none set and no account yet, a password
 * is generated once and printed on the console (never through the log).
 */
@Service
public class OwnerAccounts {

    private static final Logger log = LoggerFactory.getLogger(OwnerAccounts.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConsoleProperties properties;
    private final TransactionTemplate transactions;
    private final boolean sandbox;

    OwnerAccounts(JdbcClient jdbc, Clock clock, ConsoleProperties properties, TransactionTemplate transactions, Environment environment) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
        // The same reading as io.payonce.config.Mode: anything but "sandbox" counts as production.
        this.sandbox = "sandbox".equals(environment.getProperty("payonce.mode", "sandbox").strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Sets (or replaces) an account's password and ends every session of the account, so a password
     * changed after a leak also throws the intruder out.
     */
    public void setPassword(String name, String password) {
        if (password == null || password.length() < ConsoleProperties.PASSWORD_CHARS_MIN
                || password.length() > PasswordHashes.PASSWORD_CHARS_MAX) {
            throw new IllegalArgumentException("A password must be " + ConsoleProperties.PASSWORD_CHARS_MIN + " to "
                    + PasswordHashes.PASSWORD_CHARS_MAX + " characters");
        }
        String hash = PasswordHashes.hash(password, properties.passwordIterations());
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            INSERT INTO owner_accounts (name, password_hash, created_at, updated_at) VALUES (:name, :hash, :now, :now)
                            ON CONFLICT (name) DO UPDATE SET password_hash = :hash, updated_at = :now""")
                    .param("name", name).param("hash", hash).param("now", ApiKeys.utc(clock.instant())).update();
            jdbc.sql("DELETE FROM owner_sessions WHERE account = :name").param("name", name).update();
        });
        log.info("The console password of owner account '{}' was set; its sessions were ended", name);
    }

    /** The stored hash of an account; empty when there is no such account. */
    Optional<String> passwordHash(String name) {
        return jdbc.sql("SELECT password_hash FROM owner_accounts WHERE name = :name").param("name", name)
                .query(String.class).optional();
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUpOwner() {
        String configured = properties.ownerPassword();
        String name = properties.ownerName();
        if (configured != null && !configured.isEmpty()) {
            // Rehashing on every start would end the owner's sessions at every restart: only a new password does.
            if (!passwordHash(name).map(stored -> PasswordHashes.verify(configured, stored)).orElse(false)) {
                setPassword(name, configured);
            }
            return;
        }
        if (sandbox && passwordHash(name).isEmpty()) {
            String generated = Secrets.randomSecret().substring(0, 20);
            setPassword(name, generated);
            System.out.println("payonce console: /admin, owner '" + name + "', password (generated once; set "
                    + "PAYONCE_OWNER_PASSWORD to choose one): " + generated);
        }
    }
}
