package io.payonce.access;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's login: counts the attempt against the account and the client address first
 * ({@link LoginThrottle}, in PostgreSQL under row locks, so the limits hold across instances and
 * concurrent guesses), then checks the password, then opens a session. A locked subject is refused
 * without its password being looked at, so even the right password waits for the lock-out to end.
 */
@Service
public class OwnerLogin {

    private static final Logger log = LoggerFactory.getLogger(OwnerLogin.class);
    /** Verified when the account does not exist, so the answer takes as long as for a wrong password. */
    private static final String DUMMY_HASH = PasswordHashes.hash("payonce-no-such-account", PasswordHashes.ITERATIONS_DEFAULT);

    private final OwnerAccounts accounts;
    private final OwnerSessions sessions;
    private final ConsoleProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;

    OwnerLogin(OwnerAccounts accounts, OwnerSessions sessions, ConsoleProperties properties, JdbcClient jdbc, Clock clock,
               TransactionTemplate transactions) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Opens a session, or throws {@link OwnerLoginRefused}. */
    public OwnerSessions.Opened login(String name, String password, String clientIp) {
        Optional<String> stored = wellFormedName(name) ? accounts.passwordHash(name) : Optional.empty();
        List<Subject> subjects = new ArrayList<>();
        // Accounts that do not exist are not counted: a guesser could fill the table with names.
        stored.ifPresent(hash -> subjects.add(new Subject("account:" + name, properties.accountThrottle())));
        subjects.add(new Subject("ip:" + clientIp, properties.ipThrottle()));
        Instant lockedUntil = transactions.execute(tx -> countAttempt(subjects, clock.instant()));
        if (lockedUntil != null && lockedUntil.isAfter(clock.instant()) && anyRefused(subjects)) {
            log.warn("Console login refused: locked out ({}) until {}", lockedSubjects(subjects), lockedUntil);
            throw locked(lockedUntil);
        }
        if (!PasswordHashes.verify(password, stored.orElse(DUMMY_HASH)) || stored.isEmpty()) {
            log.warn("Console login failed for account '{}' from {}", loggable(name), clientIp);
            if (lockedUntil != null) {
                throw locked(lockedUntil);
            }
            throw new OwnerLoginRefused(OwnerLoginRefused.Reason.FAILED, "The name or the password is wrong", null);
        }
        transactions.executeWithoutResult(tx -> subjects.forEach(subject -> jdbc.sql(
                "DELETE FROM owner_login_failures WHERE subject = :subject").param("subject", subject.key()).update()));
        log.info("Console login of account '{}' from {}", name, clientIp);
        return sessions.open(name, clientIp);
    }

    /**
     * Counts this attempt for each subject, in one fixed order (account, then address), so two logins
     * never wait on each other's rows in opposite orders. Returns the latest lock-out end among the
     * subjects, whether it refused this attempt or was set by it; null when none is locked.
     */
    private Instant countAttempt(List<Subject> subjects, Instant now) {
        Instant lockedUntil = null;
        for (Subject subject : subjects) {
            jdbc.sql("""
                            INSERT INTO owner_login_failures (subject, failures, window_started_at) VALUES (:subject, 0, :now)
                            ON CONFLICT (subject) DO NOTHING""")
                    .param("subject", subject.key()).param("now", ApiKeys.utc(now)).update();
            LoginThrottle.Failures current = jdbc.sql("""
                            SELECT failures, window_started_at, locked_until FROM owner_login_failures
                             WHERE subject = :subject FOR UPDATE""")
                    .param("subject", subject.key())
                    .query((rs, row) -> new LoginThrottle.Failures(rs.getInt(1), instant(rs.getObject(2, OffsetDateTime.class)),
                            instant(rs.getObject(3, OffsetDateTime.class))))
                    .single();
            LoginThrottle.Decision decision = subject.throttle().admit(current, now);
            switch (decision) {
                case LoginThrottle.Decision.Locked(Instant until) -> {
                    subject.refused = true;
                    lockedUntil = later(lockedUntil, until);
                }
                case LoginThrottle.Decision.Admitted(LoginThrottle.Failures next) -> {
                    jdbc.sql("""
                                    UPDATE owner_login_failures SET failures = :failures, window_started_at = :started,
                                           locked_until = :until WHERE subject = :subject""")
                            .param("failures", next.failures()).param("started", ApiKeys.utc(next.windowStartedAt()))
                            .param("until", next.lockedUntil() == null ? null : ApiKeys.utc(next.lockedUntil()))
                            .param("subject", subject.key()).update();
                    lockedUntil = next.lockedUntil() == null ? lockedUntil : later(lockedUntil, next.lockedUntil());
                }
            }
        }
        return lockedUntil;
    }

    /** Whether a subject refused the attempt outright (then the password is not checked). */
    private static boolean anyRefused(List<Subject> subjects) {
        return subjects.stream().anyMatch(subject -> subject.refused);
    }

    private static String lockedSubjects(List<Subject> subjects) {
        return String.join(", ", subjects.stream().filter(subject -> subject.refused).map(Subject::key).toList());
    }

    private static OwnerLoginRefused locked(Instant until) {
        return new OwnerLoginRefused(OwnerLoginRefused.Reason.LOCKED,
                "Too many failed logins: locked out until " + until + "; the admin token still works", until);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static boolean wellFormedName(String name) {
        return name != null && name.matches("[A-Za-z0-9._-]{1,64}");
    }

    /** A name as the log may show it: well-formed, or not at all (a log line is no place for a typed password). */
    private static String loggable(String name) {
        return wellFormedName(name) ? name : "(not a valid name)";
    }

    private static final class Subject {
        private final String key;
        private final LoginThrottle throttle;
        private boolean refused;

        Subject(String key, LoginThrottle throttle) {
            this.key = key.length() > 100 ? key.substring(0, 100) : key;
            this.throttle = throttle;
        }

        String key() {
            return key;
        }

        LoginThrottle throttle() {
            return throttle;
        }
    }
}
