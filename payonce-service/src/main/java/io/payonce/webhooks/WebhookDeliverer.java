package io.payonce.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox at least once. Every instance runs it: a batch of due deliveries is claimed
 * in one short transaction ({@code FOR UPDATE SKIP LOCKED}, so instances take different rows, and
 * a lease so nobody takes a row whose attempt is running), sent in parallel outside any
 * transaction, and the batch's results are recorded in one transaction, each fenced by its claim. A
 * crash between sending and recording leaves the row to be claimed again after the lease: the
 * receiver may get the event twice, which its id lets it notice.
 */
@Component
class WebhookDeliverer {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

    private final WebhookRepository repository;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final int batchMax;
    private final Duration lease;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter givenUp;

    WebhookDeliverer(WebhookRepository repository, WebhookEndpoints endpoints, WebhookSender sender, TransactionTemplate transactions,
                     Clock clock, WebhookSettings settings, MeterRegistry meters) {
        this.repository = repository;
        this.endpoints = endpoints;
        this.sender = sender;
        this.transactions = transactions;
        this.clock = clock;
        this.schedule = settings.schedule();
        this.batchMax = settings.properties().batchMax();
        this.lease = settings.properties().claimLease();
        this.delivered = outcome(meters, "delivered");
        this.failedAttempts = outcome(meters, "failed");
        this.givenUp = outcome(meters, "given_up");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("payonce.webhooks.attempts").tag("outcome", outcome)
                .description("Webhook delivery attempts: delivered (2xx), failed (retried later), given_up (the schedule ran out)")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${payonce.webhooks.poll-interval:1s}")
    void deliverDue() {
        try {
            deliverBatch();
        } catch (RuntimeException e) {
            // The database down, typically: the next run tries again; no delivery is lost meanwhile.
            log.warn("Webhook delivery run failed: {}", e.toString());
        }
    }

    /**
     * Claims and sends one batch; returns how many deliveries it attempted. The sends run in
     * parallel; their results are recorded together in one transaction, so a batch holds one
     * database connection at a time however many receivers answer at once.
     */
    int deliverBatch() {
        Instant now = now();
        List<WebhookRepository.Claimed> claimed = transactions.execute(tx -> repository.claimDue(now, now.plus(lease), batchMax));
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Future<Attempted>> sent = new ArrayList<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WebhookRepository.Claimed delivery : claimed) {
                sent.add(parallel.submit(() -> attempt(delivery)));
            }
        }
        List<Attempted> attempted = new ArrayList<>();
        for (Future<Attempted> future : sent) {
            try {
                attempted.add(future.get());
            } catch (ExecutionException e) {
                // A secret that no longer opens (a key version removed too early): the claim's lease
                // runs out and the delivery is tried again; the error says why.
                log.error("A webhook delivery failed before it was sent", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed.size();
            }
        }
        transactions.executeWithoutResult(tx -> attempted.forEach(this::record));
        attempted.forEach(this::count);
        return claimed.size();
    }

    /** One send and what came of it, to be recorded. */
    private record Attempted(WebhookRepository.Claimed delivery, WebhookSender.Result result, Instant at, Instant nextAttempt) {
    }

    private Attempted attempt(WebhookRepository.Claimed delivery) {
        String secret = endpoints.secretOf(delivery.endpointId(), delivery.secret());
        long timestamp = clock.instant().getEpochSecond();
        WebhookSender.Result result = sender.send(delivery.url(), delivery.eventId(), delivery.eventType(), delivery.body(),
                WebhookSignature.header(secret, timestamp, delivery.body()));
        Instant at = now();
        Instant next = null;
        if (!result.delivered()) {
            Duration delay = schedule.delayAfter(delivery.attempts(), ThreadLocalRandom.current().nextDouble());
            next = delay == null ? null : at.plus(delay);
        }
        return new Attempted(delivery, result, at, next);
    }

    private void record(Attempted attempted) {
        WebhookSender.Result result = attempted.result();
        WebhookRepository.Claimed delivery = attempted.delivery();
        String error = result.error() != null ? result.error() : result.delivered() ? null : "HTTP " + result.statusCode();
        repository.insertAttempt(delivery.deliveryId(), attempted.at(), result.durationMs(), result.statusCode(), result.error(),
                result.responseBody() == null ? null : WebhookSender.cut(result.responseBody(), WebhookSender.BODY_KEPT_BYTES));
        boolean settled = repository.settle(delivery.deliveryId(), delivery.claim(), result.delivered(), result.statusCode(), error,
                attempted.nextAttempt(), attempted.at());
        if (settled && !result.delivered() && attempted.nextAttempt() == null) {
            log.warn("Webhook event {} to endpoint {} given up after {} attempts: {}", delivery.eventId(), delivery.endpointId(),
                    delivery.attempts(), error);
        }
    }

    private void count(Attempted attempted) {
        if (attempted.result().delivered()) {
            delivered.increment();
        } else if (attempted.nextAttempt() == null) {
            givenUp.increment();
        } else {
            failedAttempts.increment();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
