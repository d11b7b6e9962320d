package io.payonce.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The console's dashboard: sales since a moment, payments and orders by status, open money exceptions, the last hour's rate. */
@Service
public class DashboardStats {

    /** The rate chart's span: one point a minute for an hour reads at a glance and costs one indexed scan. */
    static final int RATE_MINUTES = 60;

    private final JdbcClient jdbc;
    private final Clock clock;

    DashboardStats(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sales of one currency: orders paid since the moment, what they brought in, and what was refunded of them. */
    public record Sales(String currency, long orders, long amount, long refunded) {
    }

    /** One minute of the rate chart: orders created and orders paid in it. */
    public record RatePoint(Instant minute, long created, long paid) {
    }

    public record Stats(Instant since, Instant now, List<Sales> sales, Map<String, Long> ordersByStatus,
                        Map<String, Long> paymentsByStatus, Map<String, Long> openMoneyExceptionsByKind, long openMoneyExceptions,
                        List<RatePoint> rate) {
    }

    public Stats since(Instant since) {
        Instant now = clock.instant();
        OffsetDateTime from = OffsetDateTime.ofInstant(since, ZoneOffset.UTC);
        List<Sales> sales = jdbc.sql("""
                        SELECT currency, count(*), coalesce(sum(amount), 0), coalesce(sum(refunded_amount), 0)
                          FROM orders WHERE paid_at >= :since GROUP BY currency ORDER BY currency""")
                .param("since", from)
                .query((rs, row) -> new Sales(rs.getString(1).strip(), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
        Map<String, Long> orders = counts("SELECT status, count(*) FROM orders WHERE created_at >= :since GROUP BY status ORDER BY status", from);
        Map<String, Long> payments = counts("SELECT status, count(*) FROM payments WHERE created_at >= :since GROUP BY status ORDER BY status",
                from);
        Map<String, Long> exceptions = counts("SELECT kind, count(*) FROM money_exceptions WHERE state = 'OPEN' AND created_at >= :since"
                + " GROUP BY kind ORDER BY kind", OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC));
        long open = exceptions.values().stream().mapToLong(Long::longValue).sum();
        return new Stats(since, now, sales, orders, payments, exceptions, open, rate(now));
    }

    private Map<String, Long> counts(String sql, OffsetDateTime since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql).param("since", since).query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** Every minute of the last hour, oldest first, zero where nothing happened, so the chart's x axis is regular. */
    private List<RatePoint> rate(Instant now) {
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(RATE_MINUTES - 1));
        Map<Instant, long[]> minutes = new LinkedHashMap<>();
        for (int i = 0; i < RATE_MINUTES; i++) {
            minutes.put(start.plus(Duration.ofMinutes(i)), new long[2]);
        }
        OffsetDateTime from = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
        jdbc.sql("""
                        SELECT date_trunc('minute', created_at) AS minute, count(*) FROM orders WHERE created_at >= :from GROUP BY 1""")
                .param("from", from)
                .query((rs, row) -> add(minutes, rs.getObject(1, OffsetDateTime.class), 0, rs.getLong(2))).list();
        jdbc.sql("""
                        SELECT date_trunc('minute', paid_at) AS minute, count(*) FROM orders WHERE paid_at >= :from GROUP BY 1""")
                .param("from", from)
                .query((rs, row) -> add(minutes, rs.getObject(1, OffsetDateTime.class), 1, rs.getLong(2))).list();
        return minutes.entrySet().stream().map(e -> new RatePoint(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    private static boolean add(Map<Instant, long[]> minutes, OffsetDateTime minute, int column, long count) {
        long[] point = minutes.get(minute.toInstant());
        if (point != null) {
            point[column] += count;
        }
        return true;
    }
}
