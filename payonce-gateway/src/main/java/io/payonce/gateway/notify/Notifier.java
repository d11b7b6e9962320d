package io.payonce.gateway.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.payonce.gateway.book.NotificationOutbox;
import io.payonce.gateway.book.NotificationsWritten;
import io.payonce.gateway.book.Poller;
import io.payonce.gateway.config.GatewaySettings;
import io.payonce.gateway.faults.SandboxFaults;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers the gateways' notifications: claims due rows of the outbox and sends each, in the
 * {@link NotificationFormat} of its trade's channel, to the trade's notify_url. The first attempt
 * goes at once; an answer the format does not call acknowledged is retried on that gateway's
 * {@link RetrySchedule}, then the notification is abandoned. At most {@code notify-in-flight-max}
 * deliveries run at once, each on its own virtual thread.
 */
@Component
public class Notifier extends Poller {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** Read of the receiver's answer: an acknowledgement is a short word or an empty body. */
    private static final int ANSWER_BYTES_MAX = 1024;

    private final NotificationOutbox outbox;
    private final SandboxFaults faults;
    private final GatewaySettings settings;
    private final Clock clock;
    private final Map<String, NotificationFormat> formats = new LinkedHashMap<>();
    private final Map<String, RetrySchedule> schedules = new LinkedHashMap<>();
    private final Semaphore inFlight;
    private final HttpClient http;

    /** Formats are taken in order, the first of each channel wins: a test's format ordered first replaces the real one. */
    Notifier(NotificationOutbox outbox, SandboxFaults faults, GatewaySettings settings, Clock clock,
             ObjectProvider<NotificationFormat> formats) {
        super("sandbox-notifier", settings.pollInterval());
        this.outbox = outbox;
        this.faults = faults;
        this.settings = settings;
        this.clock = clock;
        formats.orderedStream().forEach(format -> {
            if (this.formats.putIfAbsent(format.channel(), format) == null) {
                schedules.put(format.channel(), RetrySchedule.of(format, settings.notifyTimeScale(), settings.notifyRetryDelays()));
            }
        });
        this.inFlight = new Semaphore(settings.notifyInFlightMax());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.notifyConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** The schedule this sandbox runs for {@code channel}'s notifications, if it has a format for it. */
    public java.util.Optional<RetrySchedule> schedule(String channel) {
        return java.util.Optional.ofNullable(schedules.get(channel));
    }

    @EventListener
    void onNotificationsWritten(NotificationsWritten event) {
        signal();
    }

    @Override
    protected int pollOnce() {
        int free = inFlight.availablePermits();
        if (free == 0) {
            return 0;
        }
        List<NotificationOutbox.Attempt> batch = new ArrayList<>(outbox.claimDue(free, settings.notifyLease()));
        if (batch.stream().anyMatch(attempt -> faults.require(attempt.trade().channel()).reorder())) {
            Collections.shuffle(batch);
        }
        for (NotificationOutbox.Attempt attempt : batch) {
            inFlight.acquireUninterruptibly();
            Thread.ofVirtual().name("sandbox-notify-" + attempt.id()).start(() -> deliverThenRelease(attempt));
        }
        return batch.size();
    }

    /**
     * Lets deliveries in flight finish (so their answers are recorded) before the context goes on
     * to close the pool. Stop may be followed by start again (Spring pauses the lifecycle of an
     * idle test context), so the permits go back and the HTTP client stays open until destroy.
     */
    @Override
    protected void afterStop() {
        int all = settings.notifyInFlightMax();
        try {
            if (inFlight.tryAcquire(all, settings.notifyRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(all);
            } else {
                log.warn("Notifications still in flight at stop; their leases will lapse and they will be retried");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void closeHttpClient() {
        http.shutdownNow();
    }

    private void deliverThenRelease(NotificationOutbox.Attempt attempt) {
        try {
            deliver(attempt);
        } catch (RuntimeException e) {
            // The outbox could not be updated (database gone?): the lease lapses and the attempt is retried.
            log.warn("Notification {} attempt {} not recorded: {}", attempt.id(), attempt.attempts(), e.toString());
        } finally {
            inFlight.release();
            signal();
        }
    }

    private void deliver(NotificationOutbox.Attempt attempt) {
        String channel = attempt.trade().channel();
        NotificationFormat format = formats.get(channel);
        if (format == null) {
            failed(attempt, null, "the sandbox has no notification format for " + channel);
            return;
        }
        var notice = new NotificationFormat.Notice(attempt.trade().view(attempt.tradeStatus()), attempt.notifyId(), clock.instant());
        HttpRequest request;
        try {
            request = format.request(URI.create(attempt.trade().notifyUrl()), notice).timeout(settings.notifyRequestTimeout()).build();
        } catch (RuntimeException e) {
            // A format that cannot build its request is a bug of the sandbox; the notification is retried, then abandoned, in sight.
            log.error("The {} format could not build notification {}", channel, attempt.id(), e);
            failed(attempt, null, "could not build the notification: " + e.getClass().getSimpleName());
            return;
        }
        send(attempt, format, request);
    }

    private void send(NotificationOutbox.Attempt attempt, NotificationFormat format, HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer = readAnswer(response);
            if (format.acknowledged(response.statusCode(), answer)) {
                outbox.acknowledged(attempt.id(), response.statusCode());
            } else {
                failed(attempt, response.statusCode(), "answered " + response.statusCode() + ": " + answer);
            }
        } catch (IOException e) {
            failed(attempt, null, e.toString());
        } catch (InterruptedException e) {
            // Shutting down mid-request: the lease lapses and the attempt is retried.
            Thread.currentThread().interrupt();
        }
    }

    private void failed(NotificationOutbox.Attempt attempt, Integer httpStatus, String error) {
        RetrySchedule schedule = schedules.getOrDefault(attempt.trade().channel(), fallbackSchedule());
        Duration retryDelay = schedule.afterAttempt(attempt.attempts());
        boolean last = retryDelay == null;
        outbox.attemptFailed(attempt, last, last ? Duration.ZERO : retryDelay, httpStatus, error);
        if (last) {
            log.info("Notification {} of {} {} abandoned after {} attempts: {}", attempt.notifyId(), attempt.trade().channel(),
                    attempt.trade().outTradeNo(), attempt.attempts(), error);
        }
    }

    /** For a channel without a format: the set delays, or one retry a minute (scaled) later. */
    private RetrySchedule fallbackSchedule() {
        return settings.notifyRetryDelays().isEmpty()
                ? new RetrySchedule(List.of(RetrySchedule.scaled(Duration.ofMinutes(1), settings.notifyTimeScale())))
                : new RetrySchedule(settings.notifyRetryDelays());
    }

    private static String readAnswer(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(ANSWER_BYTES_MAX + 1);
            return new String(bytes, 0, Math.min(bytes.length, ANSWER_BYTES_MAX), StandardCharsets.UTF_8)
                    + (bytes.length > ANSWER_BYTES_MAX ? "..." : "");
        }
    }
}
