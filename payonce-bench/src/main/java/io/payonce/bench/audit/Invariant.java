package io.payonce.bench.audit;

import java.sql.SQLException;
import java.util.Set;

/**
 * One property that must hold after any load, checked against the service's database and what the
 * harness journaled. Each counts what it checked and what violated it, so "passed" is never
 * vacuous without saying so (checked = 0).
 */
public interface Invariant {

    String name();

    /** Tables it reads; it is skipped, and reported as skipped, on a schema that lacks one. Empty: harness-only. */
    Set<String> tables();

    Check check(AuditContext context) throws SQLException;
}
