package io.payonce.gateway.book;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.payonce.gateway.book.SandboxBook.BillEntry;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.book.SandboxBook.RefundRequest;
import io.payonce.gateway.book.SandboxBook.TradeState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The gateways' trades and refunds ({@code trades}, {@code refunds}). Every change of a trade is
 * one conditional UPDATE, so concurrent buyers, closes and refunds cannot pay a trade twice, pay a
 * closed one, or refund more than was paid.
 */
@Repository
public class Trades {

    /** Refunds listed per trade in views; a trade has rarely more than a handful. */
    static final int REFUNDS_LISTED_MAX = 100;
    /** Lines one day's bill may hold: far more than a sandbox day sees, small enough to hold in memory. */
    static final int BILL_ENTRIES_MAX = 500_000;
    /** The gateways' own clock: trade numbers and bills follow China's day. */
    static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;

    Trades(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Trade> find(String channel, String outTradeNo) {
        return jdbc.sql("SELECT * FROM trades WHERE channel = :channel AND out_trade_no = :outTradeNo")
                .param("channel", channel).param("outTradeNo", outTradeNo)
                .query(Trades::trade).optional();
    }

    /**
     * Opens the trade unless one exists for the out_trade_no (then empty). The trade number is
     * minted from a sequence in the gateway's own time zone, like {@code 2026112322001000000000000000042}.
     */
    Optional<Trade> insert(ChannelSpec spec, OpenRequest request, long autopayMs) {
        return jdbc.sql("""
                INSERT INTO trades (channel, out_trade_no, trade_no, merchant_id, subject, amount, currency, notify_url,
                                    status, autopay_at)
                VALUES (:channel, :outTradeNo,
                        :head || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || :mid
                              || lpad(nextval('trade_no_seq')::text, 15, '0'),
                        :merchantId, :subject, :amount, :currency, :notifyUrl, 'WAIT_BUYER_PAY',
                        CASE WHEN CAST(:autopayMs AS bigint) > 0
                             THEN now() + CAST(:autopayMs AS bigint) * interval '1 millisecond' END)
                ON CONFLICT (channel, out_trade_no) DO NOTHING
                RETURNING *""")
                .param("channel", spec.name()).param("outTradeNo", request.outTradeNo())
                .param("head", spec.tradeNoHead()).param("mid", spec.tradeNoMid())
                .param("merchantId", request.merchantId()).param("subject", request.subject())
                .param("amount", request.amount()).param("currency", request.currency())
                .param("notifyUrl", request.notifyUrl()).param("autopayMs", autopayMs)
                .query(Trades::trade).optional();
    }

    /** Moves the trade to {@code target}; empty when it is missing or not in a state that may move there. */
    Optional<Trade> move(String channel, String outTradeNo, TradeState target) {
        List<String> sources = TradeLifecycle.sourcesOf(target);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("No trade may move to " + target);
        }
        String stamp = target == TradeState.TRADE_SUCCESS ? "paid_at" : "closed_at";
        return jdbc.sql("UPDATE trades SET status = :target, " + stamp + " = now()"
                        + " WHERE channel = :channel AND out_trade_no = :outTradeNo AND status IN (:sources) RETURNING *")
                .param("target", target.name()).param("channel", channel).param("outTradeNo", outTradeNo)
                .param("sources", sources)
                .query(Trades::trade).optional();
    }

    /**
     * Pays up to {@code limit} trades whose autopay time has come. SKIP LOCKED lets several
     * gateway instances share the due trades without waiting on each other or paying one twice.
     * The status is written out literally (it is {@code sourcesOf(TRADE_SUCCESS)}) so the planner
     * can use the partial index {@code trades_autopay_due}.
     */
    List<Trade> payDueAutopay(int limit) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT channel, out_trade_no FROM trades
                    WHERE status = 'WAIT_BUYER_PAY' AND autopay_at IS NOT NULL AND autopay_at <= now()
                    ORDER BY autopay_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE trades t SET status = 'TRADE_SUCCESS', paid_at = now()
                FROM due
                WHERE t.channel = due.channel AND t.out_trade_no = due.out_trade_no AND t.status = 'WAIT_BUYER_PAY'
                RETURNING t.*""")
                .param("limit", limit)
                .query(Trades::trade).list();
    }

    /** Books a refund request; empty when one with this out_refund_no exists already. */
    Optional<Refund> insertRefund(RefundRequest request) {
        return jdbc.sql("""
                INSERT INTO refunds (channel, out_refund_no, out_trade_no, refund_no, amount, currency, reason)
                VALUES (:channel, :outRefundNo, :outTradeNo,
                        'RF' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('refund_no_seq')::text, 15, '0'),
                        :amount, :currency, :reason)
                ON CONFLICT (channel, out_refund_no) DO NOTHING
                RETURNING *""")
                .param("channel", request.channel()).param("outRefundNo", request.outRefundNo())
                .param("outTradeNo", request.outTradeNo()).param("amount", request.amount())
                .param("currency", request.currency()).param("reason", request.reason())
                .query(Trades::refund).optional();
    }

    /** Adds to the refunded total of a paid trade only while the total stays within the amount paid. */
    boolean addRefunded(String channel, String outTradeNo, long amount) {
        return jdbc.sql("""
                UPDATE trades SET refunded_amount = refunded_amount + :amount
                WHERE channel = :channel AND out_trade_no = :outTradeNo
                  AND status = 'TRADE_SUCCESS' AND refunded_amount + :amount <= amount""")
                .param("amount", amount).param("channel", channel).param("outTradeNo", outTradeNo)
                .update() == 1;
    }

    public Optional<Refund> findRefund(String channel, String outRefundNo) {
        return jdbc.sql("SELECT * FROM refunds WHERE channel = :channel AND out_refund_no = :outRefundNo")
                .param("channel", channel).param("outRefundNo", outRefundNo)
                .query(Trades::refund).optional();
    }

    public List<Refund> refundsOf(String channel, String outTradeNo) {
        return jdbc.sql("""
                SELECT * FROM refunds WHERE channel = :channel AND out_trade_no = :outTradeNo
                ORDER BY created_at, refund_no LIMIT :limit""")
                .param("channel", channel).param("outTradeNo", outTradeNo).param("limit", REFUNDS_LISTED_MAX)
                .query(Trades::refund).list();
    }

    /** The trades paid and the refunds booked on {@code day} in China's time, oldest first. */
    List<BillEntry> bill(String channel, LocalDate day) {
        Instant from = day.atStartOfDay(GATEWAY_ZONE).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(GATEWAY_ZONE).toInstant();
        List<BillEntry> entries = jdbc.sql("""
                SELECT * FROM (
                    SELECT out_trade_no, trade_no, NULL AS out_refund_no, NULL AS refund_no, subject, amount, currency,
                           paid_at AS at
                    FROM trades WHERE channel = :channel AND paid_at >= :from AND paid_at < :to
                    UNION ALL
                    SELECT r.out_trade_no, t.trade_no, r.out_refund_no, r.refund_no, t.subject, r.amount, r.currency,
                           r.created_at AS at
                    FROM refunds r JOIN trades t ON t.channel = r.channel AND t.out_trade_no = r.out_trade_no
                    WHERE r.channel = :channel AND r.created_at >= :from AND r.created_at < :to) lines
                ORDER BY at, trade_no, refund_no NULLS FIRST
                LIMIT :limit""")
                .param("channel", channel)
                .param("from", OffsetDateTime.ofInstant(from, GATEWAY_ZONE))
                .param("to", OffsetDateTime.ofInstant(to, GATEWAY_ZONE))
                .param("limit", BILL_ENTRIES_MAX + 1)
                .query((rs, row) -> new BillEntry(rs.getString("out_trade_no"), rs.getString("trade_no"),
                        rs.getString("out_refund_no"), rs.getString("refund_no"), rs.getString("subject"),
                        rs.getLong("amount"), rs.getString("currency"), instant(rs, "at")))
                .list();
        if (entries.size() > BILL_ENTRIES_MAX) {
            throw new IllegalStateException("The " + channel + " bill of " + day + " has more than " + BILL_ENTRIES_MAX + " lines");
        }
        return entries;
    }

    static Trade trade(ResultSet rs, int row) throws SQLException {
        return new Trade(rs.getString("channel"), rs.getString("out_trade_no"), rs.getString("trade_no"),
                rs.getString("merchant_id"), rs.getString("subject"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("notify_url"), TradeState.valueOf(rs.getString("status")), rs.getLong("refunded_amount"),
                instant(rs, "autopay_at"), instant(rs, "created_at"), instant(rs, "paid_at"), instant(rs, "closed_at"));
    }

    private static Refund refund(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("channel"), rs.getString("out_refund_no"), rs.getString("out_trade_no"),
                rs.getString("refund_no"), rs.getLong("amount"), rs.getString("currency"), rs.getString("reason"),
                instant(rs, "created_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
