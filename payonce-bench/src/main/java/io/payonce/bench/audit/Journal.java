package io.payonce.bench.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the harness sent and what the service acknowledged, written by the scenarios while the
 * load runs (warm-up included) and read by the audit afterwards. Only facts the harness saw with
 * its own eyes go in: a 2xx answer, the ids in it, the amounts it asked for.
 */
public final class Journal {

    /** An order the service answered 201 for. */
    public record OrderAck(String sku, int quantity, long amount) {
    }

    /** A refund the service answered 201 for. */
    public record RefundAck(String orderId, long amount) {
    }

    /** A createOrRenewMember call: sent (maybe unanswered) or acknowledged with code 0. */
    public record MemberCall(String systemId, String orderNo, String userId, int days) {
    }

    private final Map<String, LongAdder> importedKeys = new ConcurrentHashMap<>();
    private final Map<String, OrderAck> orders = new ConcurrentHashMap<>();
    private final Map<String, String> payments = new ConcurrentHashMap<>();
    private final Set<String> paidAtGateway = ConcurrentHashMap.newKeySet();
    private final Map<String, RefundAck> refunds = new ConcurrentHashMap<>();
    private final Map<String, MemberCall> membersSent = new ConcurrentHashMap<>();
    private final Map<String, MemberCall> membersAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, Instant> memberBaseline = new ConcurrentHashMap<>();
    private final LongAdder replaysChecked = new LongAdder();
    private final LongAdder replayMismatches = new LongAdder();
    private final Set<String> replayMismatchSamples = ConcurrentHashMap.newKeySet();
    private final LongAdder forgedCallbacksSent = new LongAdder();
    private final Set<String> forgedCallbacksAccepted = ConcurrentHashMap.newKeySet();

    public void keysImported(String sku, long count) {
        importedKeys.computeIfAbsent(sku, key -> new LongAdder()).add(count);
    }

    public void orderAcknowledged(String orderId, OrderAck order) {
        orders.put(orderId, order);
    }

    public void paymentAcknowledged(String paymentId, String orderId) {
        payments.put(paymentId, orderId);
    }

    /** The buyer paid this trade at the (simulated) gateway and the gateway said 200. */
    public void paidAtGateway(String paymentId) {
        paidAtGateway.add(paymentId);
    }

    public void refundAcknowledged(String refundId, RefundAck refund) {
        refunds.put(refundId, refund);
    }

    public void memberSent(MemberCall call) {
        membersSent.put(call.systemId() + "/" + call.orderNo(), call);
    }

    public void memberAcknowledged(MemberCall call) {
        membersAcknowledged.put(call.systemId() + "/" + call.orderNo(), call);
    }

    /** A user's expiry before the load: renewals must add exactly their days to it. */
    public void memberBaseline(String systemId, String userId, Instant expiresAt) {
        memberBaseline.put(systemId + "/" + userId, expiresAt);
    }

    /** The answers to one idempotency key were compared; {@code identical} says whether they matched. */
    public void replayCompared(String key, boolean identical) {
        replaysChecked.increment();
        if (!identical) {
            replayMismatches.increment();
            if (replayMismatchSamples.size() < 5) {
                replayMismatchSamples.add(key);
            }
        }
    }

    /** A notification with a bad signature was posted; {@code accepted} when the service said "success". */
    public void forgedCallback(String paymentId, boolean accepted) {
        forgedCallbacksSent.increment();
        if (accepted) {
            forgedCallbacksAccepted.add(paymentId);
        }
    }

    public long forgedCallbacksSent() {
        return forgedCallbacksSent.sum();
    }

    public Set<String> forgedCallbacksAccepted() {
        return forgedCallbacksAccepted;
    }

    public Map<String, Long> importedKeys() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        importedKeys.forEach((sku, count) -> copy.put(sku, count.sum()));
        return copy;
    }

    public Map<String, OrderAck> orders() {
        return orders;
    }

    public Map<String, String> payments() {
        return payments;
    }

    public Set<String> paidAtGateway() {
        return paidAtGateway;
    }

    public Map<String, RefundAck> refunds() {
        return refunds;
    }

    public Map<String, MemberCall> membersSent() {
        return membersSent;
    }

    public Map<String, MemberCall> membersAcknowledged() {
        return membersAcknowledged;
    }

    public Map<String, Instant> memberBaseline() {
        return memberBaseline;
    }

    public long replaysChecked() {
        return replaysChecked.sum();
    }

    public long replayMismatches() {
        return replayMismatches.sum();
    }

    public Set<String> replayMismatchSamples() {
        return replayMismatchSamples;
    }
}
