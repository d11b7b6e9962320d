package io.payonce.bench.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.payonce.bench.load.Call;
import io.payonce.bench.load.Reply;

/**
 * {@code --hoarders N} (issue 13): N clients that reserve stock and never pay, next to the
 * scenario's real buyers. Each has a buyer session of its own and orders {@link #QUANTITY} keys
 * again and again with fresh Idempotency-Keys, as a scalper's bot does; when refused it tries
 * again {@link #PAUSE_MS} later. A bot is there before the sale opens: the load starts once each
 * hoarder has been refused once (its cap reached, or nothing left), at most {@link #HEAD_START_MAX_SECONDS}
 * after they began. Their calls are not part of the measured load (so the latencies
 * stay the real buyers'), but every order the service acknowledged to them is journaled, so the
 * audit holds them to the same rules: their keys stay reserved, never delivered.
 */
public final class Hoarders {

    /** Two keys per order: small enough to look like a buyer, so only the caps can stop the bot. */
    static final int QUANTITY = 2;
    /** A bot retries fast but not in a busy loop: four tries a second per hoarder. */
    static final long PAUSE_MS = 250;

    /** The head start is over when every hoarder is refused once; on a stalled service, after this long anyway. */
    static final long HEAD_START_MAX_SECONDS = 60;

    /** What the hoarders got: orders and units the service reserved for them, and the refusals they heard. */
    public record Report(int hoarders, long orders, long units, long refusedReservationLimit, long refusedSoldOut, long otherAnswers) {
    }

    private final ScenarioContext context;
    private final Shop shop;
    private final int count;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong orders = new AtomicLong();
    private final AtomicLong refusedLimit = new AtomicLong();
    private final AtomicLong refusedSoldOut = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private CountDownLatch headStart = new CountDownLatch(0);

    Hoarders(ScenarioContext context, Shop shop, int count) {
        this.context = context;
        this.shop = shop;
        this.count = count;
    }

    /** Opens a session per hoarder and lets them loose on {@code sku}; returns once each has been refused once. */
    void start(String sku) throws InterruptedException {
        if (count == 0) {
            return;
        }
        running.set(true);
        headStart = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            String session = "Bearer " + shop.admin(Call.postJson("setup", "/v1/buyer-sessions", "{}"), 201).json().path("buyerToken").asString();
            int hoarder = i;
            threads.add(Thread.ofVirtual().name("hoarder-" + i).start(() -> hoard(sku, session, hoarder)));
        }
        headStart.await(HEAD_START_MAX_SECONDS, TimeUnit.SECONDS);
    }

    private void hoard(String sku, String session, int hoarder) {
        boolean refusedOnce = false;
        for (long attempt = 0; running.get(); attempt++) {
            Reply reply = context.http().sendUnrecorded(Call.postJson("hoard_order", "/v1/orders",
                            Json.of("sku", sku, "quantity", QUANTITY, "buyer", Json.map("userId", "hoarder-" + hoarder)))
                    .header("Authorization", session)
                    .idempotencyKey("h-" + context.runId() + "-" + hoarder + "-" + attempt));
            if (shop.acknowledgedOrder(reply).isPresent()) {
                orders.incrementAndGet();
                continue;
            }
            switch (reply.cause()) {
                case "429 reservation_limit" -> refusedLimit.incrementAndGet();
                case "409 sold_out" -> refusedSoldOut.incrementAndGet();
                default -> other.incrementAndGet();
            }
            if (!refusedOnce) {
                refusedOnce = true;
                headStart.countDown();
            }
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the hoarders (their orders stay unpaid, as a hoarder leaves them) and says what they got. */
    Report stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Report(count, orders.get(), orders.get() * QUANTITY, refusedLimit.get(), refusedSoldOut.get(), other.get());
    }
}
