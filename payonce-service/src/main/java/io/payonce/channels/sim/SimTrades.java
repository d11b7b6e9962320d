package io.payonce.channels.sim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.payonce.channels.PaymentChannel.RefundRequest;
import io.payonce.channels.PaymentChannel.TradeRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The gateways' trades and refunds ({@code sim_trades}, {@code sim_refunds}). Every change of a
 * trade is one conditional UPDATE, so concurrent buyers, closes and refunds on any instance
 * cannot pay a trade twice, pay a closed one, or refund more than was paid.
 */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Repository
public class SimTrades {

    /** Refunds listed per trade in views; a trade has rarely more than a handful. */
    static final int REFUNDS_LISTED_MAX = 100;

    private final JdbcClient jdbc;

    SimTrades(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Trade> find(String channel, String outTradeNo) {
        return jdbc.sql("SELECT * FROM sim_trades WHERE channel = :channel AND out_trade_no = :outTradeNo")
                .param("channel", channel).param("outTradeNo", outTradeNo)
                .query(SimTrades::trade).optional();
    }

    /**
     * Opens the trade unless one exists for the paymentId (then empty). The trade number is
     * minted from a sequence in the gateway's own time zone, like {@code 2026112322001000000000000000042}.
     */
    Optional<Trade> insert(ChannelSpec spec, TradeRequest request, long autopayMs) {
        return jdbc.sql("""
                INSERT INTO sim_trades (channel, out_trade_no, trade_no, order_id, subject, amount, currency, status, autopay_at)
                VALUES (:channel, :outTradeNo,
                        :head || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || :mid
                              || lpad(nextval('sim_trade_no_seq')::text, 15, '0'),
                        :orderId, :subject, :amount, :currency, 'WAIT_BUYER_PAY',
                        CASE WHEN CAST(:autopayMs AS bigint) > 0
                             THEN now() + CAST(:autopayMs AS bigint) * interval '1 millisecond' END)
                ON CONFLICT (channel, out_trade_no) DO NOTHING
                RETURNING *""")
                .param("channel", spec.name()).param("outTradeNo", request.paymentId())
                .param("head", spec.tradeNoHead()).param("mid", spec.tradeNoMid())
                .param("orderId", request.orderId()).param("subject", request.subject())
                .param("amount", request.amount()).param("currency", request.currency())
                .param("autopayMs", autopayMs)
                .query(SimTrades::trade).optional();
    }

    /** Moves the trade to {@code target}; empty when it is missing or not in a state that may move there. */
    Optional<Trade> move(String channel, String outTradeNo, TradeState target) {
        List<String> sources = TradeState.sourcesOf(target);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("No trade may move to " + target);
        }
        String stamp = target == TradeState.TRADE_SUCCESS ? "paid_at" : "closed_at";
        return jdbc.sql("UPDATE sim_trades SET status = :target, " + stamp + " = now()"
                        + " WHERE channel = :channel AND out_trade_no = :outTradeNo AND status IN (:sources) RETURNING *")
                .param("target", target.name()).param("channel", channel).param("outTradeNo", outTradeNo)
                .param("sources", sources)
                .query(SimTrades::trade).optional();
    }

    /**
     * Pays up to {@code limit} trades whose autopay time has come. SKIP LOCKED lets several
     * instances share the due trades without waiting on each other or paying one twice. The
     * status is written out literally (it is {@code TradeState.sourcesOf(TRADE_SUCCESS)}) so the
     * planner can use the partial index {@code sim_trades_autopay_due}.
     */
    List<Trade> payDueAutopay(int limit) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT channel, out_trade_no FROM sim_trades
                    WHERE status = 'WAIT_BUYER_PAY' AND autopay_at IS NOT NULL AND autopay_at <= now()
                    ORDER BY autopay_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE sim_trades t SET status = 'TRADE_SUCCESS', paid_at = now()
                FROM due
                WHERE t.channel = due.channel AND t.out_trade_no = due.out_trade_no AND t.status = 'WAIT_BUYER_PAY'
                RETURNING t.*""")
                .param("limit", limit)
                .query(SimTrades::trade).list();
    }

    /** Books a refund request; empty when one with this refundId exists already. */
    Optional<String> insertRefund(String channel, RefundRequest request) {
        return jdbc.sql("""
                INSERT INTO sim_refunds (channel, out_request_no, out_trade_no, refund_no, amount, currency)
                VALUES (:channel, :refundId, :paymentId,
                        'RF' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('sim_refund_no_seq')::text, 15, '0'),
                        :amount, :currency)
                ON CONFLICT (channel, out_request_no) DO NOTHING
                RETURNING refund_no""")
                .param("channel", channel).param("refundId", request.refundId()).param("paymentId", request.paymentId())
                .param("amount", request.amount()).param("currency", request.currency())
                .query(String.class).optional();
    }

    /** Adds to the refunded total of a paid trade only while the total stays within the amount paid. */
    boolean addRefunded(String channel, String outTradeNo, long amount) {
        return jdbc.sql("""
                UPDATE sim_trades SET refunded_amount = refunded_amount + :amount
                WHERE channel = :channel AND out_trade_no = :outTradeNo
                  AND status = 'TRADE_SUCCESS' AND refunded_amount + :amount <= amount""")
                .param("amount", amount).param("channel", channel).param("outTradeNo", outTradeNo)
                .update() == 1;
    }

    Optional<SimRefund> findRefund(String channel, String outRequestNo) {
        return jdbc.sql("SELECT * FROM sim_refunds WHERE channel = :channel AND out_request_no = :refundId")
                .param("channel", channel).param("refundId", outRequestNo)
                .query(SimTrades::refund).optional();
    }

    public List<SimRefund> refundsOf(String channel, String outTradeNo) {
        return jdbc.sql("SELECT * FROM sim_refunds WHERE channel = :channel AND out_trade_no = :outTradeNo ORDER BY created_at, refund_no LIMIT :limit")
                .param("channel", channel).param("outTradeNo", outTradeNo).param("limit", REFUNDS_LISTED_MAX)
                .query(SimTrades::refund).list();
    }

    private static Trade trade(ResultSet rs, int row) throws SQLException {
        return new Trade(rs.getString("channel"), rs.getString("out_trade_no"), rs.getString("trade_no"),
                rs.getString("order_id"), rs.getString("subject"), rs.getLong("amount"), rs.getString("currency"),
                TradeState.valueOf(rs.getString("status")), rs.getLong("refunded_amount"), instant(rs, "autopay_at"),
                instant(rs, "created_at"), instant(rs, "paid_at"), instant(rs, "closed_at"));
    }

    private static SimRefund refund(ResultSet rs, int row) throws SQLException {
        return new SimRefund(rs.getString("channel"), rs.getString("out_request_no"), rs.getString("out_trade_no"),
                rs.getString("refund_no"), rs.getLong("amount"), rs.getString("currency"), instant(rs, "created_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
