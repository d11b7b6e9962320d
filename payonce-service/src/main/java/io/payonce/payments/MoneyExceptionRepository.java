package io.payonce.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.payonce.jobs.RowRetries;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Money exceptions in PostgreSQL: one row per (kind, cause), never deleted. */
@Repository
class MoneyExceptionRepository {

    private static final String COLUMNS = """
            id, kind, cause_ref, order_id, payment_id, channel, amount, currency, detail, state, auto_refund,
            refund_id, channel_refund_no, note, created_at, updated_at, resolved_at""";
    private static final RowMapper<MoneyException> ROW = MoneyExceptionRepository::map;

    private final JdbcClient jdbc;

    MoneyExceptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts it unless its (kind, cause) is recorded already; true when it is new. */
    boolean insertIfNew(MoneyException e) {
        return jdbc.sql("""
                        INSERT INTO money_exceptions (id, kind, cause_ref, order_id, payment_id, channel, amount, currency, detail,
                                                      state, auto_refund, refund_id, created_at, updated_at)
                        VALUES (:id, :kind, :cause, :orderId, :paymentId, :channel, :amount, :currency, :detail,
                                :state, :autoRefund, :refundId, :at, :at)
                        ON CONFLICT (kind, cause_ref) DO NOTHING""")
                .param("id", e.id()).param("kind", e.kind().name()).param("cause", e.causeRef())
                .param("orderId", e.orderId()).param("paymentId", e.paymentId()).param("channel", e.channel())
                .param("amount", e.amount()).param("currency", e.currency()).param("detail", e.detail())
                .param("state", e.state().name()).param("autoRefund", e.autoRefund() == null ? null : e.autoRefund().name())
                .param("refundId", e.refundId()).param("at", Timestamp.from(e.createdAt()))
                .update() == 1;
    }

    Optional<MoneyException> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM money_exceptions WHERE id = :id").param("id", id).query(ROW).optional();
    }

    List<MoneyException> list(MoneyException.State state, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM money_exceptions WHERE (CAST(:state AS text) IS NULL OR state = :state)"
                        + " ORDER BY created_at DESC, id LIMIT :limit")
                .param("state", state == null ? null : state.name()).param("limit", limit)
                .query(ROW).list();
    }

    /** Open exceptions payonce is still trying to refund, oldest first, skipping those a job is backing off from. */
    List<MoneyException> refundsToTry(Instant now, int limit, String job) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM money_exceptions WHERE state = 'OPEN' AND auto_refund = 'PENDING'"
                        + " AND " + RowRetries.NOT_BACKING_OFF.formatted("money_exceptions.id") + " ORDER BY created_at, id LIMIT :limit")
                .param("now", Timestamp.from(now)).param("job", job).param("limit", limit)
                .query(ROW).list();
    }

    /**
     * The gateway confirmed payonce's own refund: REFUNDED. One an operator resolved meanwhile
     * stays RESOLVED, with the refund recorded all the same: the money did go back.
     */
    boolean markRefunded(String id, String channelRefundNo, Instant at) {
        return jdbc.sql("""
                        UPDATE money_exceptions SET state = CASE WHEN state = 'OPEN' THEN 'REFUNDED' ELSE state END,
                                                    auto_refund = 'SUCCEEDED', channel_refund_no = :no, updated_at = :at
                         WHERE id = :id AND auto_refund = 'PENDING'""")
                .param("id", id).param("no", channelRefundNo).param("at", Timestamp.from(at)).update() == 1;
    }

    /** The gateway refused payonce's own refund: it stays OPEN for an operator, and payonce stops trying. */
    boolean markRefundRefused(String id, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE money_exceptions SET auto_refund = 'REFUSED', detail = left(detail || ' | refund refused: ' || :reason, 500),
                                                    updated_at = :at
                         WHERE id = :id AND state = 'OPEN' AND auto_refund = 'PENDING'""")
                .param("id", id).param("reason", reason).param("at", Timestamp.from(at)).update() == 1;
    }

    /** An operator closes an OPEN exception with a note; false when it is not OPEN (any more). */
    Optional<MoneyException> resolve(String id, String note, Instant at) {
        return jdbc.sql("UPDATE money_exceptions SET state = 'RESOLVED', note = :note, resolved_at = :at, updated_at = :at"
                        + " WHERE id = :id AND state = 'OPEN' RETURNING " + COLUMNS)
                .param("id", id).param("note", note).param("at", Timestamp.from(at)).query(ROW).optional();
    }

    /** How many exceptions there are of each kind in each state. */
    Map<List<String>, Long> counts() {
        return jdbc.sql("SELECT kind, state, count(*) AS n FROM money_exceptions GROUP BY kind, state")
                .query((rs, row) -> Map.entry(List.of(rs.getString("kind"), rs.getString("state")), rs.getLong("n")))
                .list().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static MoneyException map(ResultSet rs, int row) throws SQLException {
        String autoRefund = rs.getString("auto_refund");
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new MoneyException(rs.getString("id"), MoneyException.Kind.valueOf(rs.getString("kind")), rs.getString("cause_ref"),
                rs.getString("order_id"), rs.getString("payment_id"), rs.getString("channel"), rs.getLong("amount"),
                rs.getString("currency"), rs.getString("detail"), MoneyException.State.valueOf(rs.getString("state")),
                autoRefund == null ? null : MoneyException.AutoRefund.valueOf(autoRefund), rs.getString("refund_id"),
                rs.getString("channel_refund_no"), rs.getString("note"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), resolved == null ? null : resolved.toInstant());
    }
}
