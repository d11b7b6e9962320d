package io.payonce.bench.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The membership invariants (V4__membership.sql), for the systems this run created. */
final class MembershipInvariants {

    private MembershipInvariants() {
    }

    static List<Invariant> all() {
        return List.of(new ExpiryIsBaselinePlusGrantedDays(), new GrantsMatchWhatWasSent(), new AcknowledgedRenewalsDurable());
    }

    /** One applied order as the database holds it. */
    record Grant(String userId, int days) {
    }

    /** The run's grants by "system/orderNo", read from member_grants. */
    static Map<String, Grant> grants(AuditContext db) throws SQLException {
        Map<String, Grant> grants = new HashMap<>();
        for (String system : systems(db.journal())) {
            try (PreparedStatement statement = db.connection().prepareStatement(
                    "SELECT order_no, user_id, days FROM member_grants WHERE system_id = ? AND source = 'API'")) {
                statement.setString(1, system);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        grants.put(system + "/" + rows.getString(1), new Grant(rows.getString(2), rows.getInt(3)));
                    }
                }
            }
        }
        return grants;
    }

    private static Set<String> systems(Journal journal) {
        Set<String> systems = new TreeSet<>();
        journal.membersSent().values().forEach(call -> systems.add(call.systemId()));
        journal.memberBaseline().keySet().forEach(key -> systems.add(key.substring(0, key.indexOf('/'))));
        return systems;
    }

    /**
     * Every seeded user's expiry is its expiry before the load plus the days of every order
     * applied to it: a renewal counted twice, lost, or credited to another user shows here.
     * (Exact because the baseline lies in the future: max(now, expiresAt) is expiresAt.)
     */
    static final class ExpiryIsBaselinePlusGrantedDays implements Invariant {
        public String name() {
            return "membership expiry = start + granted days";
        }

        public Set<String> tables() {
            return Set.of("members", "member_grants");
        }

        public Check check(AuditContext db) throws SQLException {
            Map<String, Long> daysByUser = new HashMap<>();
            grants(db).forEach((key, grant) -> daysByUser.merge(key.substring(0, key.indexOf('/')) + "/" + grant.userId(), (long) grant.days(), Long::sum));
            Map<String, Instant> expiries = expiries(db);
            List<String> violating = new ArrayList<>();
            db.journal().memberBaseline().forEach((user, baseline) -> {
                long days = daysByUser.getOrDefault(user, 0L);
                Instant expected = baseline.plus(Duration.ofDays(days));
                Instant actual = expiries.get(user);
                if (!expected.equals(actual)) {
                    violating.add(user + " expires " + actual + ", expected " + expected + " (start + " + days + " days)");
                }
            });
            return Check.of(name(), db.journal().memberBaseline().size(), violating);
        }

        private static Map<String, Instant> expiries(AuditContext db) throws SQLException {
            Map<String, Instant> expiries = new HashMap<>();
            for (String system : systems(db.journal())) {
                try (PreparedStatement statement = db.connection().prepareStatement("SELECT user_id, expires_at FROM members WHERE system_id = ?")) {
                    statement.setString(1, system);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            expiries.put(system + "/" + rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
                        }
                    }
                }
            }
            return expiries;
        }
    }

    /** Every applied order is one the harness sent, for the user and days it named. */
    static final class GrantsMatchWhatWasSent implements Invariant {
        public String name() {
            return "renewals applied as sent";
        }

        public Set<String> tables() {
            return Set.of("member_grants");
        }

        public Check check(AuditContext db) throws SQLException {
            Map<String, Grant> grants = grants(db);
            List<String> violating = new ArrayList<>();
            grants.forEach((key, grant) -> {
                Journal.MemberCall sent = db.journal().membersSent().get(key);
                if (sent == null) {
                    violating.add(key + " applied but never sent");
                } else if (!sent.userId().equals(grant.userId()) || sent.days() != grant.days()) {
                    violating.add(key + " applied to " + grant.userId() + " for " + grant.days() + " days, sent for "
                            + sent.userId() + " " + sent.days() + " days");
                }
            });
            return Check.of(name(), grants.size(), violating);
        }
    }

    /** Every renewal answered with code 0 is in member_grants. */
    static final class AcknowledgedRenewalsDurable implements Invariant {
        public String name() {
            return "every acknowledged renewal durable";
        }

        public Set<String> tables() {
            return Set.of("member_grants");
        }

        public Check check(AuditContext db) throws SQLException {
            Map<String, Grant> grants = grants(db);
            List<String> violating = db.journal().membersAcknowledged().keySet().stream()
                    .filter(key -> !grants.containsKey(key)).map(key -> key + " acknowledged but not applied").toList();
            return Check.of(name(), db.journal().membersAcknowledged().size(), violating);
        }
    }
}
