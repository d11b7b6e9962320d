package io.payonce.bench.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.payonce.bench.target.Database;

/**
 * Checks every invariant after the load and reports each with its counts. Invariants whose tables
 * the service's schema does not have (yet) are listed as skipped rather than silently passed.
 */
public final class Audit {

    /** The verdict: passed when no invariant found a violation. */
    public record Result(boolean passed, List<Check> invariants) {
    }

    private final List<Invariant> invariants;

    public Audit(List<Invariant> invariants) {
        this.invariants = List.copyOf(invariants);
    }

    /** Every invariant payonce promises. */
    public static Audit standard() {
        List<Invariant> all = new ArrayList<>(ShopInvariants.all());
        all.addAll(MembershipInvariants.all());
        all.addAll(HarnessInvariants.all());
        return new Audit(all);
    }

    public Result run(Database database, Journal journal) throws SQLException {
        if (database == null) {
            return run(null, Set.of(), journal);
        }
        try (Connection connection = database.connect()) {
            connection.setReadOnly(true);
            return run(connection, tables(connection), journal);
        }
    }

    private Result run(Connection connection, Set<String> tables, Journal journal) throws SQLException {
        AuditContext context = new AuditContext(connection, journal);
        List<Check> checks = new ArrayList<>();
        for (Invariant invariant : invariants) {
            if (!invariant.tables().isEmpty() && connection == null) {
                checks.add(Check.skipped(invariant.name(), "no database to audit (give --db-url)"));
            } else if (!tables.containsAll(invariant.tables())) {
                checks.add(Check.skipped(invariant.name(), "the schema has no " + missing(invariant.tables(), tables)));
            } else {
                checks.add(invariant.check(context));
            }
        }
        return new Result(checks.stream().allMatch(Check::passed), checks);
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (var rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }
}
