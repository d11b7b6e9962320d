package io.payonce.gateway.faults;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;

/**
 * One channel's fault switches on this gateway. Kept in memory on purpose: they are a test
 * harness's knobs, not gateway state, so a restart clears them.
 * Every method is synchronized: switches are flipped rarely and read once per call.
 */
public final class FaultSwitches {

    /** Queued outcomes per channel, whatever the number of requests that queued them. */
    static final int QUEUE_MAX = 10_000;

    private final ArrayDeque<TradeFault> nextTrades = new ArrayDeque<>();
    private final ArrayDeque<RefundFault> nextRefunds = new ArrayDeque<>();
    private double declineRate;
    private double pendingRate;
    private double timeoutRate;
    private Long seed;
    private Random random = new Random();
    private long delayMs;
    private int repeat;
    private boolean reorder;
    private int lose;
    private double loseRate;

    /** What the switches are now, as GET /sandbox/{channel}/faults shows them. */
    public record View(List<TradeFault> nextTrades, double declineRate, double pendingRate, double timeoutRate, Long seed,
                long delayMs, int repeat, boolean reorder, int lose, double loseRate, List<RefundFault> nextRefunds) {
    }

    public synchronized View view() {
        return new View(List.copyOf(nextTrades), declineRate, pendingRate, timeoutRate, seed, delayMs, repeat, reorder,
                lose, loseRate, List.copyOf(nextRefunds));
    }

    /** Applies an update all or nothing: a value that does not fit leaves every switch as it was. */
    public synchronized void apply(FaultUpdate update) {
        double decline = valueOr(update.declineRate(), declineRate);
        double pending = valueOr(update.pendingRate(), pendingRate);
        double timeout = valueOr(update.timeoutRate(), timeoutRate);
        if (decline + pending + timeout > 1) {
            throw new InvalidFaults("declineRate + pendingRate + timeoutRate must not exceed 1");
        }
        if (nextTrades.size() + update.nextTrades().size() > QUEUE_MAX || nextRefunds.size() + update.nextRefunds().size() > QUEUE_MAX) {
            throw new InvalidFaults("at most " + QUEUE_MAX + " outcomes may be queued");
        }
        declineRate = decline;
        pendingRate = pending;
        timeoutRate = timeout;
        nextTrades.addAll(update.nextTrades());
        nextRefunds.addAll(update.nextRefunds());
        applyNotificationSwitches(update);
        if (update.seedGiven()) {
            seed = update.seed();
            random = seed == null ? new Random() : new Random(seed);
        }
    }

    public synchronized void reset() {
        nextTrades.clear();
        nextRefunds.clear();
        declineRate = pendingRate = timeoutRate = loseRate = 0;
        seed = null;
        random = new Random();
        delayMs = 0;
        repeat = 0;
        reorder = false;
        lose = 0;
    }

    /** The outcome of the next createTrade: the queue first, then one draw against the rates. */
    public synchronized TradeFault nextTrade() {
        if (!nextTrades.isEmpty()) {
            return nextTrades.poll();
        }
        if (declineRate + pendingRate + timeoutRate == 0) {
            return TradeFault.OK;
        }
        double draw = random.nextDouble();
        if (draw < declineRate) {
            return TradeFault.DECLINE;
        }
        if (draw < declineRate + pendingRate) {
            return TradeFault.PENDING;
        }
        return draw < declineRate + pendingRate + timeoutRate ? TradeFault.TIMEOUT : TradeFault.OK;
    }

    public synchronized RefundFault nextRefund() {
        return nextRefunds.isEmpty() ? RefundFault.OK : nextRefunds.poll();
    }

    /** How the next notification goes out; counts it against {@code lose}. */
    public synchronized DeliveryPlan planNotification() {
        boolean lost = lose > 0 || (loseRate > 0 && random.nextDouble() < loseRate);
        if (lose > 0) {
            lose--;
        }
        return new DeliveryPlan(delayMs, 1 + repeat, lost, reorder);
    }

    public synchronized boolean reorder() {
        return reorder;
    }

    private void applyNotificationSwitches(FaultUpdate update) {
        delayMs = valueOr(update.delayMs(), delayMs);
        repeat = valueOr(update.repeat(), repeat);
        reorder = valueOr(update.reorder(), reorder);
        lose = valueOr(update.lose(), lose);
        loseRate = valueOr(update.loseRate(), loseRate);
    }

    private static <T> T valueOr(T value, T current) {
        return value == null ? current : value;
    }
}
