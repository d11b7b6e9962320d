package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannels;
import io.payonce.common.Ids;
import io.payonce.common.Refusal;
import io.payonce.orders.Order;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment attempts, in atomic phases: open the attempt (a transaction), open the gateway trade
 * (no transaction: a network call), record the gateway's answer (a transaction). A crash between
 * phases is resumed by the retry, and the gateway's trade is keyed by the paymentId, so a resumed
 * attempt finds its trade instead of opening a second one.
 */
@Service
public class PaymentService {

    private final PaymentRepository payments;
    private final Orders orders;
    private final PaymentChannels channels;
    private final QuerySchedule schedule;
    private final Clock clock;

    PaymentService(PaymentRepository payments, Orders orders, PaymentChannels channels, QuerySchedule schedule, Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.channels = channels;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** The first phase's result: a new attempt to take to the gateway, or one that already exists. */
    public sealed interface Opened {
        record Fresh(Payment payment) implements Opened {
        }

        /**
         * The order already has a live attempt on the channel asked for (another key opened it, or
         * a fallback took it): answer that one.
         */
        record Existing(Payment payment) implements Opened {
        }
    }

    public PaymentChannel channel(String name) {
        return channels.find(name).orElseThrow(() -> new Refusal(Refusal.Reason.CHANNEL_NOT_FOUND,
                "Unknown channel '" + name + "'; known: " + String.join(", ", channels.names().stream().sorted().toList())));
    }

    /**
     * Phase 1: with the order's row locked (first, as every writer of a payment does), checks it
     * can be paid and inserts a PENDING attempt on the channel asked for, or on its fallback while
     * that channel's breaker is open ({@link PaymentChannels#route}).
     *
     * <p>The insert is conditional on the partial unique index {@code payments_one_live_per_order}:
     * while the order has an attempt PENDING or UNKNOWN, no other attempt can be inserted, on this
     * channel or any other. An attempt whose outcome is unknown leaves that state only on its own
     * gateway's answer (a query, a close or a notification; {@link Reconciliation},
     * {@link OrderClosing}), so a payment can never move to a fallback channel while the first
     * gateway may still take the money: the database refuses the second attempt, whatever the caller does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Opened open(String orderId, String requestedChannel) {
        channel(requestedChannel);
        Order order = orders.lockPayable(orderId);
        String used = channels.route(requestedChannel);
        Instant now = now();
        Payment fresh = new Payment(Ids.next("pay"), order.id(), used, PaymentStatus.PENDING, order.amount(),
                order.currency(), null, null, null, now, null, requestedChannel);
        if (payments.insertIfNoneLive(fresh, schedule.firstAfterOpening(now))) {
            return new Opened.Fresh(fresh);
        }
        Payment live = payments.findHoldingOrder(order.id()).orElseThrow(
                () -> new IllegalStateException("Order " + orderId + " has a live payment that cannot be read"));
        if (live.status() == PaymentStatus.SUCCEEDED) {
            throw new Refusal(Refusal.Reason.ORDER_ALREADY_PAID, "Order '" + orderId + "' is already paid");
        }
        if (!live.channel().equals(requestedChannel) && !live.requestedChannel().equals(requestedChannel)) {
            throw new Refusal(Refusal.Reason.PAYMENT_IN_PROGRESS, "Order '" + orderId + "' has a payment in progress on "
                    + live.channel(), Map.of("paymentId", live.id()));
        }
        return new Opened.Existing(live);
    }

    /** Phase 2: opens (or, on a resumed attempt, finds) the gateway trade. Outside any transaction. */
    public TradeOutcome openTrade(Payment payment, String subject, Instant payBy) {
        return channel(payment.channel()).createTrade(new PaymentChannel.TradeRequest(
                payment.id(), payment.orderId(), payment.amount(), payment.currency(), subject, payBy));
    }

    /** Phase 3: records the gateway's answer on the attempt; returns the attempt as it now stands. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Payment recordTrade(Payment payment, TradeOutcome outcome) {
        Instant now = now();
        return switch (outcome) {
            case TradeOutcome.Created created -> payments.recordTrade(payment.id(), created.tradeNo(), created.payUrl(), now);
            case TradeOutcome.Declined declined -> settle(payment, PaymentStatus.Event.FAIL,
                    PaymentChannels.BREAKER_OPEN.equals(declined.reason()) ? PaymentChannels.BREAKER_OPEN : "declined", now);
            case TradeOutcome.Unknown unknown -> {
                Payment lost = settle(payment, PaymentStatus.Event.LOSE_TRACK, null, now);
                // The janitor asks the gateway soon: an answer lost is the likeliest to be found quickly.
                payments.scheduleQuery(payment.id(), schedule.firstAfterLostAnswer(now), now);
                yield lost;
            }
        };
    }

    private Payment settle(Payment payment, PaymentStatus.Event event, String failureCode, Instant now) {
        // Not moved: a notification settled it first, and a final state never goes back.
        return payments.transition(payment.id(), List.of(PaymentStatus.PENDING), event, failureCode, now)
                .orElseGet(() -> find(payment.id()));
    }

    public Payment find(String paymentId) {
        return payments.find(paymentId).orElseThrow(() -> new Refusal(Refusal.Reason.PAYMENT_NOT_FOUND, "No payment '" + paymentId + "'"));
    }

    public List<Payment> ofOrder(String orderId) {
        return payments.ofOrder(orderId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
