package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.common.Ids;
import io.payonce.common.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the money and payonce disagree. Each is recorded in the transaction that found it (so it
 * cannot be lost: it commits with the finding or not at all), once per cause (a repeat records
 * nothing), and counted in the gauge {@code payonce.money_exceptions{kind,state}} (Prometheus
 * {@code payonce_money_exceptions}). Charges payonce never meant to take are refunded by
 * {@link MoneyExceptionRefunds}; the rest wait, OPEN, for an operator (the admin API).
 */
@Service
public class MoneyExceptions {

    /** The longest list the admin API returns at once. */
    public static final int LIST_MAX = 500;
    /** An operator's note: enough for a ticket reference and a sentence; the column's CHECK says the same. */
    public static final int NOTE_LENGTH_MAX = 1_000;
    private static final int DETAIL_LENGTH_MAX = 500;
    /** A scrape reads every (kind, state) gauge: they share one grouped count while it is this fresh. */
    private static final long FRESHNESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(MoneyExceptions.class);

    private final MoneyExceptionRepository exceptions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Map<List<String>, Long> counts = Map.of();
    private volatile long countedAt;

    MoneyExceptions(MoneyExceptionRepository exceptions, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.exceptions = exceptions;
        this.transactions = transactions;
        this.clock = clock;
        for (MoneyException.Kind kind : MoneyException.Kind.values()) {
            for (MoneyException.State state : MoneyException.State.values()) {
                List<String> key = List.of(kind.name(), state.name());
                Gauge.builder("payonce.money_exceptions", this, self -> self.count(key))
                        .tag("kind", kind.name()).tag("state", state.name())
                        .description("Places where the money and payonce disagree, by kind and state")
                        .register(meters);
            }
        }
    }

    /**
     * Records a disagreement about {@code payment} in the caller's transaction, unless its
     * (kind, cause) is recorded already. A refundable kind gets its refund's id now, derived from
     * the exception's own, so every attempt to refund asks the gateway for the same refund.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(MoneyException.Kind kind, String causeRef, Payment payment, long amount, String detail) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = Ids.next("mx");
        String refundId = kind.refundable() ? "ref_" + id.substring("mx_".length()) : null;
        String text = detail.length() <= DETAIL_LENGTH_MAX ? detail : detail.substring(0, DETAIL_LENGTH_MAX);
        boolean recorded = exceptions.insertIfNew(new MoneyException(id, kind, causeRef, payment.orderId(), payment.id(),
                payment.channel(), amount, payment.currency(), text, MoneyException.State.OPEN,
                kind.refundable() ? MoneyException.AutoRefund.PENDING : null, refundId, null, null, now, now, null));
        if (recorded) {
            log.error("Money exception {} ({}): payment {} of order {}, {} {}: {}", id, kind, payment.id(), payment.orderId(),
                    amount, payment.currency(), text);
            countedAt = 0;
        }
        return recorded;
    }

    /** The newest exceptions first, all or those in one state. */
    public List<MoneyException> list(Optional<MoneyException.State> state, int limit) {
        return exceptions.list(state.orElse(null), Math.min(limit, LIST_MAX));
    }

    /** An operator closes an OPEN exception with a note (its own transaction: an admin use case). */
    public MoneyException resolve(String id, String note) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<MoneyException> resolved = transactions.execute(tx -> exceptions.resolve(id, note, now));
        if (resolved.isPresent()) {
            countedAt = 0;
            return resolved.get();
        }
        MoneyException existing = exceptions.find(id).orElseThrow(() -> new Refusal(Refusal.Reason.MONEY_EXCEPTION_NOT_FOUND,
                "No money exception '" + id + "'"));
        throw new Refusal(Refusal.Reason.MONEY_EXCEPTION_NOT_OPEN, "Money exception '" + id + "' is " + existing.state()
                + ", not OPEN", Map.of("state", existing.state().name()));
    }

    private double count(List<String> kindAndState) {
        if (System.nanoTime() - countedAt > FRESHNESS_NANOS) {
            counts = exceptions.counts();
            countedAt = System.nanoTime();
        }
        return counts.getOrDefault(kindAndState, 0L);
    }
}
