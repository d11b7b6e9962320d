package io.payonce.gateway.faults;

/**
 * How one notification will be delivered, as the fault switches decide when it is written.
 *
 * @param delayMs     extra wait before the first attempt
 * @param copies      rows sharing one notify_id, sent concurrently (1 = no repeat)
 * @param lost        never sent at all: the merchant must settle the payment by querying the gateway
 * @param staleAfter  also send a stale WAIT_BUYER_PAY once this (final) notification is no longer pending
 */
public record DeliveryPlan(long delayMs, int copies, boolean lost, boolean staleAfter) {

    public static final DeliveryPlan NORMAL = new DeliveryPlan(0, 1, false, false);
}
