package io.payonce.bench.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The money and stock invariants of the shop schema (V1__shop.sql). */
final class ShopInvariants {

    private ShopInvariants() {
    }

    static List<Invariant> all() {
        return List.of(new NoPaymentChargedTwice(), new NoOrderPaidTwice(), new StockConserved(),
                new NoCardKeyDeliveredTwice(), new AcknowledgedRequestsDurable(), new RefundsWithinPaid(),
                new PaidTradesApplied(), new QueuedOrdersTurned());
    }

    /** A payment's money is taken once: one CHARGE ledger entry per payment, of the payment's amount. */
    static final class NoPaymentChargedTwice implements Invariant {
        public String name() {
            return "no payment charged twice";
        }

        public Set<String> tables() {
            return Set.of("payments", "ledger_entries");
        }

        public Check check(AuditContext db) throws SQLException {
            long checked = db.count("SELECT count(DISTINCT payment_id) FROM ledger_entries WHERE kind = 'CHARGE'");
            List<String> violating = db.strings("""
                    SELECT p.id || ' charged ' || count(*) || 'x, ' || sum(l.amount) || ' of ' || p.amount
                    FROM payments p JOIN ledger_entries l ON l.payment_id = p.id AND l.kind = 'CHARGE'
                    GROUP BY p.id, p.amount HAVING count(*) > 1 OR sum(l.amount) <> p.amount""");
            return Check.of(name(), checked, violating);
        }
    }

    /** An order is paid once: at most one succeeded payment and one charge, and paid_at set exactly when charged. */
    static final class NoOrderPaidTwice implements Invariant {
        public String name() {
            return "no order paid twice";
        }

        public Set<String> tables() {
            return Set.of("orders", "payments", "ledger_entries");
        }

        public Check check(AuditContext db) throws SQLException {
            String perOrder = """
                    FROM orders o
                    LEFT JOIN (SELECT order_id, count(*) n FROM ledger_entries WHERE kind = 'CHARGE' GROUP BY order_id) c ON c.order_id = o.id
                    LEFT JOIN (SELECT order_id, count(*) n FROM payments WHERE status = 'SUCCEEDED' GROUP BY order_id) s ON s.order_id = o.id
                    """;
            long checked = db.count("SELECT count(*) " + perOrder + " WHERE o.paid_at IS NOT NULL OR c.n IS NOT NULL");
            List<String> violating = db.strings("SELECT o.id || ' charges=' || coalesce(c.n, 0) || ' succeeded=' || coalesce(s.n, 0) || ' status=' || o.status "
                    + perOrder + " WHERE coalesce(c.n, 0) > 1 OR coalesce(s.n, 0) > 1 OR ((o.paid_at IS NOT NULL) <> (coalesce(c.n, 0) = 1))");
            return Check.of(name(), checked, violating);
        }
    }

    /**
     * Every imported key is still there and in exactly one state (imported = available + reserved +
     * delivered), and keys are held only by orders that may hold them: reserved by an unpaid or paid
     * order, delivered to a paid one, none kept by a cancelled or expired order.
     */
    static final class StockConserved implements Invariant {
        public String name() {
            return "stock conserved";
        }

        public Set<String> tables() {
            return Set.of("card_keys", "orders");
        }

        public Check check(AuditContext db) throws SQLException {
            List<String> violating = new ArrayList<>();
            for (Map.Entry<String, Long> imported : db.journal().importedKeys().entrySet()) {
                long stored = db.count("SELECT count(*) FROM card_keys WHERE sku = ? AND status IN ('AVAILABLE', 'RESERVED', 'DELIVERED')", imported.getKey());
                if (stored != imported.getValue()) {
                    violating.add(imported.getKey() + " imported " + imported.getValue() + " but available+reserved+delivered = " + stored);
                }
            }
            violating.addAll(db.strings("""
                    SELECT k.id || ' is ' || k.status || ' for order ' || o.id || ' in ' || o.status
                    FROM card_keys k JOIN orders o ON o.id = k.order_id
                    WHERE (k.status = 'RESERVED' AND o.status NOT IN ('PENDING_PAYMENT', 'PAID'))
                       OR (k.status = 'DELIVERED' AND o.paid_at IS NULL)"""));
            violating.addAll(db.strings("SELECT 'key ' || k.id || ' held by unknown order ' || k.order_id FROM card_keys k "
                    + "WHERE k.order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = k.order_id)"));
            long checked = db.count("SELECT count(*) FROM card_keys");
            return Check.of(name(), checked, violating);
        }
    }

    /** No key reaches two buyers, nor one buyer twice: a code is stored once, and no order holds more keys than it bought. */
    static final class NoCardKeyDeliveredTwice implements Invariant {
        public String name() {
            return "no card key delivered twice";
        }

        public Set<String> tables() {
            return Set.of("card_keys", "orders");
        }

        public Check check(AuditContext db) throws SQLException {
            long checked = db.count("SELECT count(*) FROM card_keys WHERE status = 'DELIVERED'");
            List<String> violating = new ArrayList<>(db.strings("""
                    SELECT 'order ' || o.id || ' bought ' || o.quantity || ' but holds ' || count(*)
                    FROM card_keys k JOIN orders o ON o.id = k.order_id
                    GROUP BY o.id, o.quantity HAVING count(*) > o.quantity"""));
            violating.addAll(db.strings("SELECT 'code stored ' || count(*) || 'x: ' || encode(code_digest, 'hex') FROM card_keys "
                    + "GROUP BY code_digest HAVING count(*) > 1"));
            violating.addAll(db.strings("""
                    SELECT 'order ' || o.id || ' is ' || o.status || ' with ' || count(k.id) || ' of ' || o.quantity || ' keys delivered'
                    FROM orders o LEFT JOIN card_keys k ON k.order_id = o.id AND k.status = 'DELIVERED'
                    WHERE o.kind = 'CARD_KEY' AND o.status = 'DELIVERED'
                    GROUP BY o.id, o.status, o.quantity HAVING count(k.id) <> o.quantity"""));
            return Check.of(name(), checked, violating);
        }
    }

    /** Every 2xx the harness received names something the database holds: acknowledged means durable. */
    static final class AcknowledgedRequestsDurable implements Invariant {
        public String name() {
            return "every acknowledged request durable";
        }

        public Set<String> tables() {
            return Set.of("orders", "payments", "refunds");
        }

        public Check check(AuditContext db) throws SQLException {
            Journal journal = db.journal();
            List<String> violating = new ArrayList<>();
            db.missing("orders", "id", journal.orders().keySet()).forEach(id -> violating.add("order " + id));
            db.missing("payments", "id", journal.payments().keySet()).forEach(id -> violating.add("payment " + id));
            db.missing("refunds", "id", journal.refunds().keySet()).forEach(id -> violating.add("refund " + id));
            long checked = journal.orders().size() + journal.payments().size() + journal.refunds().size();
            return Check.of(name(), checked, violating);
        }
    }

    /** Refunds never pass what was paid, per order, in the refunds, in the order's total and in the ledger. */
    static final class RefundsWithinPaid implements Invariant {
        public String name() {
            return "refunds <= paid";
        }

        public Set<String> tables() {
            return Set.of("orders", "refunds", "ledger_entries");
        }

        public Check check(AuditContext db) throws SQLException {
            long checked = db.count("SELECT count(DISTINCT order_id) FROM refunds");
            List<String> violating = db.strings("""
                    SELECT o.id || ' paid ' || coalesce(c.charged, 0) || ' refunds ' || coalesce(r.refunded, 0)
                           || ' ledger refunds ' || coalesce(l.refunded, 0) || ' refunded_amount ' || o.refunded_amount
                    FROM orders o
                    LEFT JOIN (SELECT order_id, sum(amount) charged FROM ledger_entries WHERE kind = 'CHARGE' GROUP BY order_id) c ON c.order_id = o.id
                    LEFT JOIN (SELECT order_id, sum(amount) refunded FROM refunds WHERE status <> 'FAILED' GROUP BY order_id) r ON r.order_id = o.id
                    LEFT JOIN (SELECT order_id, sum(amount) refunded FROM ledger_entries WHERE kind = 'REFUND' GROUP BY order_id) l ON l.order_id = o.id
                    WHERE coalesce(r.refunded, 0) > coalesce(c.charged, 0)
                       OR coalesce(l.refunded, 0) > coalesce(c.charged, 0)
                       OR o.refunded_amount > coalesce(c.charged, 0)""");
            return Check.of(name(), checked, violating);
        }
    }

    /** Money the buyer handed the gateway is never lost: every trade the harness paid ends SUCCEEDED and charged once. */
    static final class PaidTradesApplied implements Invariant {
        public String name() {
            return "every paid trade applied";
        }

        public Set<String> tables() {
            return Set.of("payments", "ledger_entries");
        }

        public Check check(AuditContext db) throws SQLException {
            List<String> paid = new ArrayList<>(db.journal().paidAtGateway());
            List<String> violating = new ArrayList<>();
            for (int from = 0; from < paid.size(); from += 10_000) {
                List<String> chunk = paid.subList(from, Math.min(paid.size(), from + 10_000));
                violating.addAll(db.strings("""
                        SELECT p.id || ' is ' || p.status || ' with ' || count(l.id) || ' charges'
                        FROM payments p LEFT JOIN ledger_entries l ON l.payment_id = p.id AND l.kind = 'CHARGE'
                        WHERE p.id = ANY (?) GROUP BY p.id, p.status HAVING p.status <> 'SUCCEEDED' OR count(l.id) <> 1""",
                        db.connection().createArrayOf("text", chunk.toArray())));
            }
            violating.addAll(db.missing("payments", "id", paid).stream().map(id -> id + " unknown to the service").toList());
            return Check.of(name(), paid.size(), violating);
        }
    }

    /**
     * Every buyer of a queued product is told (issue 10): once the service has settled, no order is
     * still waiting for its turn; each ended PENDING_PAYMENT (a key reserved) or SOLD_OUT, whatever
     * happened to the broker or an instance meanwhile.
     */
    static final class QueuedOrdersTurned implements Invariant {
        public String name() {
            return "every queued order got its turn";
        }

        public Set<String> tables() {
            return Set.of("orders");
        }

        public Check check(AuditContext db) throws SQLException {
            long checked = db.count("SELECT count(*) FROM orders WHERE turn_at IS NOT NULL OR status = 'QUEUED'");
            List<String> violating = db.strings("SELECT o.id || ' still QUEUED since ' || o.created_at FROM orders o WHERE o.status = 'QUEUED'");
            return Check.of(name(), checked, violating);
        }
    }
}
