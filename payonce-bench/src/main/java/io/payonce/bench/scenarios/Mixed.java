package io.payonce.bench.scenarios;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.payonce.bench.load.Session;

/**
 * A blend of what a shop sees, by weight: browsing, buying, double-submitted purchases, refunds
 * of earlier purchases, cancellations, membership renewals and orders of a queued product
 * ({@code queued}: answered 202, their turn comes from the service's intake, through the broker
 * when it has one). The operation of an iteration is
 * drawn from its sequence number, so a run is reproducible.
 */
final class Mixed implements Scenario {

    /** Recent paid purchases that refunds pick from; a bounded ring, not a list that grows with the run. */
    private static final int RECENT_PAID_MAX = 4096;

    private final ScenarioContext context;
    private final Shop shop;
    private final Hoarders hoarders;
    private Hoarders.Report hoarding;
    private final Members members;
    private final TreeMap<Integer, String> opsByCumulativeWeight = new TreeMap<>();
    private final int totalWeight;
    private final AtomicReferenceArray<String> recentPaid = new AtomicReferenceArray<>(RECENT_PAID_MAX);
    private final AtomicLong paidCount = new AtomicLong();
    private String sku;
    private String queuedSku;

    Mixed(ScenarioContext context) {
        this.context = context;
        this.shop = new Shop(context);
        this.hoarders = new Hoarders(context, shop, context.options().hoarders());
        this.members = new Members(context, shop);
        int cumulative = 0;
        for (Map.Entry<String, Integer> weight : new TreeMap<>(context.options().weights()).entrySet()) {
            if (weight.getValue() > 0) {
                cumulative += weight.getValue();
                opsByCumulativeWeight.put(cumulative, weight.getKey());
            }
        }
        if (cumulative == 0) {
            throw new IllegalArgumentException("--weights: at least one weight must be positive");
        }
        this.totalWeight = cumulative;
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public void prepare() throws Exception {
        sku = shop.createCardKeyProduct("mixed", context.options().stockHint());
        hoarders.start(sku);
        if (context.options().weights().getOrDefault("queued", 0) > 0) {
            queuedSku = shop.createCardKeyProduct("mixed-queued", context.options().stockHint(), true);
        }
        if (context.options().weights().getOrDefault("renew", 0) > 0) {
            members.prepare();
            members.presign(context.options().presign(), sequence -> opFor(sequence).equals("renew"));
        }
    }

    String opFor(long sequence) {
        int draw = new SplittableRandom(sequence).nextInt(totalWeight);
        return opsByCumulativeWeight.higherEntry(draw).getValue();
    }

    @Override
    public void iterate(Session session) throws InterruptedException {
        switch (opFor(session.sequence())) {
            case "browse" -> shop.browse(session, sku);
            case "buy" -> buy(session);
            case "duplicate" -> duplicate(session);
            case "refund" -> refund(session);
            case "cancel" -> shop.order(session, sku, 1, "buyer-" + session.sequence()).ifPresent(id -> shop.cancel(session, id));
            case "renew" -> members.renew(session);
            case "queued" -> shop.order(session, queuedSku, 1, "buyer-" + session.sequence());
            default -> throw new IllegalStateException("no such op");
        }
    }

    private void buy(Session session) {
        shop.order(session, sku, 1, "buyer-" + session.sequence()).ifPresent(orderId ->
                shop.pay(session, orderId, "p-" + context.runId() + "-" + session.sequence()).ifPresent(payment -> {
                    if (shop.payAtGateway(session, payment.paymentId())) {
                        recentPaid.set((int) (paidCount.getAndIncrement() % RECENT_PAID_MAX), orderId);
                    }
                }));
    }

    private void duplicate(Session session) throws InterruptedException {
        String key = "d-" + context.runId() + "-" + session.sequence();
        var replies = Storm.send(context.http(), session, shop.orderCall(sku, 1, "buyer-" + session.sequence(), key), 3);
        Storm.checkReplays(context.journal(), key, replies);
        replies.forEach(shop::acknowledgedOrder);
    }

    /** Refunds half of an earlier purchase; a second refund of the same order may pass the paid amount and must be refused. */
    private void refund(Session session) {
        long filled = Math.min(paidCount.get(), RECENT_PAID_MAX);
        String orderId = filled == 0 ? null : recentPaid.get(new SplittableRandom(session.sequence()).nextInt((int) filled));
        if (orderId != null) {
            shop.refund(session, orderId, Shop.PRICE / 2 + 1);
        } else {
            shop.browse(session, sku);
        }
    }

    @Override
    public void finish() throws InterruptedException {
        hoarding = hoarders.stop();
    }

    @Override
    public java.util.Optional<Hoarders.Report> hoarding() {
        return context.options().hoarders() == 0 ? java.util.Optional.empty() : java.util.Optional.ofNullable(hoarding);
    }
}
