package io.payonce.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.payonce.channels.PaymentChannel;

/**
 * A programmable payment gateway in memory, for fault tests of how payonce calls its channels
 * (timeouts, breakers, fallbacks, the janitor, money exceptions). It keeps trades by paymentId and
 * refunds by refundId, idempotently, as a real gateway does; the switches make it fail the way
 * gateways fail: down (every call errors), slow (the trade is opened after payonce stopped
 * waiting), an answer lost after the work was done, a refund never received, a close that lies.
 * It sends no notifications: every test here is about the notification that never came.
 */
public final class ScriptedChannel implements PaymentChannel {

    /** A gateway process dying mid-call, as a killed JVM would: no handler may swallow it. */
    public static final class Crash extends Error {
        Crash() {
            super("simulated crash in the gateway call");
        }
    }

    public enum TradeState { WAITING, PAID, CLOSED }

    public record Trade(String paymentId, String tradeNo, long amount, String currency, TradeState state) {
    }

    public record RefundRecord(String refundId, String paymentId, long amount, boolean succeeded) {
    }

    private final String name;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, RefundRecord> refunds = new ConcurrentHashMap<>();
    private final List<String> queried = new CopyOnWriteArrayList<>();
    private final AtomicInteger createCalls = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean closeLies = new AtomicBoolean();
    private volatile long slowNextCreateMs;
    private volatile boolean crashNextCreate;
    private volatile boolean crashNextRefund;
    private volatile RefundFault nextRefund = RefundFault.NONE;
    private final Map<String, RefundFault> nextRefundOf = new ConcurrentHashMap<>();

    /** How the next refund call misbehaves. */
    public enum RefundFault {
        NONE,
        /** The refund is made and its answer lost. */
        ANSWER_LOST,
        /** The request never arrives: nothing is booked, the answer is lost. */
        NEVER_ARRIVES,
        /** The gateway books the refund as refused, and the answer is lost. */
        REFUSED_ANSWER_LOST,
        /** The gateway refuses it outright. */
        REFUSED
    }

    public ScriptedChannel(String name) {
        this.name = name;
    }

    public void reset() {
        down.set(false);
        closeLies.set(false);
        slowNextCreateMs = 0;
        crashNextCreate = false;
        crashNextRefund = false;
        nextRefund = RefundFault.NONE;
        nextRefundOf.clear();
        queried.clear();
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** The next trade is opened only after {@code ms}: payonce has stopped waiting by then. */
    public void slowNextCreate(long ms) {
        slowNextCreateMs = ms;
    }

    public void crashNextCreate() {
        crashNextCreate = true;
    }

    public void crashNextRefund() {
        crashNextRefund = true;
    }

    public void closeLies(boolean lies) {
        closeLies.set(lies);
    }

    public void nextRefund(RefundFault fault) {
        nextRefund = fault;
    }

    /** How the next refund of one payment misbehaves (other refunds are unaffected). */
    public void nextRefundOf(String paymentId, RefundFault fault) {
        nextRefundOf.put(paymentId, fault);
    }

    /** The buyer pays an open trade (or, on a lying gateway, a closed one). */
    public void buyerPays(String paymentId) {
        trades.computeIfPresent(paymentId, (id, t) -> new Trade(id, t.tradeNo(), t.amount(), t.currency(), TradeState.PAID));
        if (!trades.containsKey(paymentId)) {
            throw new AssertionError(name + " has no trade " + paymentId);
        }
    }

    public Map<String, Trade> trades() {
        return Map.copyOf(trades);
    }

    public Map<String, RefundRecord> refunds() {
        return Map.copyOf(refunds);
    }

    /** The paymentIds asked about, in order. */
    public List<String> queried() {
        return List.copyOf(queried);
    }

    public int createCalls() {
        return createCalls.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        createCalls.incrementAndGet();
        if (crashNextCreate) {
            crashNextCreate = false;
            throw new Crash();
        }
        failIfDown();
        long slow = slowNextCreateMs;
        if (slow > 0) {
            slowNextCreateMs = 0;
            sleep(slow);
        }
        Trade trade = trades.computeIfAbsent(request.paymentId(), id -> new Trade(id, name + "-" + id, request.amount(),
                request.currency(), TradeState.WAITING));
        return new TradeOutcome.Created(trade.tradeNo(), "https://" + name + ".test/pay/" + trade.tradeNo());
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        queried.add(paymentId);
        failIfDown();
        Trade trade = trades.get(paymentId);
        if (trade == null) {
            return new TradeStatus.NotFound();
        }
        return switch (trade.state()) {
            case WAITING -> new TradeStatus.Waiting(trade.tradeNo());
            case PAID -> new TradeStatus.Paid(trade.tradeNo(), trade.amount(), trade.currency());
            case CLOSED -> new TradeStatus.Closed(trade.tradeNo());
        };
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        failIfDown();
        Trade trade = trades.get(paymentId);
        if (trade == null) {
            return new CloseOutcome.NotFound();
        }
        if (trade.state() == TradeState.PAID) {
            return new CloseOutcome.AlreadyPaid(trade.tradeNo(), trade.amount(), trade.currency());
        }
        if (!closeLies.get()) {
            trades.put(paymentId, new Trade(paymentId, trade.tradeNo(), trade.amount(), trade.currency(), TradeState.CLOSED));
        }
        return new CloseOutcome.Closed();
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        if (crashNextRefund) {
            crashNextRefund = false;
            throw new Crash();
        }
        failIfDown();
        RefundFault targeted = nextRefundOf.remove(request.paymentId());
        RefundFault fault = targeted != null ? targeted : nextRefund;
        if (targeted == null) {
            nextRefund = RefundFault.NONE;
        }
        if (fault == RefundFault.NEVER_ARRIVES) {
            return new RefundOutcome.Unknown("no answer");
        }
        boolean refuse = fault == RefundFault.REFUSED || fault == RefundFault.REFUSED_ANSWER_LOST;
        RefundRecord booked = refunds.computeIfAbsent(request.refundId(),
                id -> new RefundRecord(id, request.paymentId(), request.amount(), !refuse));
        if (fault == RefundFault.ANSWER_LOST || fault == RefundFault.REFUSED_ANSWER_LOST) {
            return new RefundOutcome.Unknown("answer lost");
        }
        return booked.succeeded() ? new RefundOutcome.Succeeded(name + "-r-" + booked.refundId())
                : new RefundOutcome.Failed("refused by " + name);
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        failIfDown();
        RefundRecord booked = refunds.get(refundId);
        if (booked == null) {
            return new RefundQuery.NotFound();
        }
        return booked.succeeded() ? new RefundQuery.Succeeded(name + "-r-" + refundId, booked.amount())
                : new RefundQuery.Failed("refused by " + name);
    }

    @Override
    public Notification parseNotification(InboundNotification inbound) {
        return new Notification.Invalid("the scripted gateway sends no notifications");
    }

    @Override
    public NotificationReply reply(boolean accepted) {
        return new NotificationReply(accepted ? 200 : 400, "text/plain", accepted ? "success" : "fail");
    }

    private void failIfDown() {
        if (down.get()) {
            throw new IllegalStateException("connection refused by " + name);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // payonce stopped waiting and interrupted the call; the gateway carries on regardless.
            Thread.currentThread().interrupt();
        }
    }
}
