package io.payonce.channels.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers the gateways' notifications: claims due rows of the outbox, POSTs each as an
 * Alipay-style form to {@code payonce.sim.notify-url}, and counts it acknowledged only when the
 * answer is 200 with the body {@code success}; anything else is retried on the configured
 * schedule, then abandoned. At most {@code notify-in-flight-max} deliveries run at once, each on
 * its own virtual thread.
 */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Component
class Notifier extends Poller {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** Read of the receiver's answer: "success" and some whitespace; anything longer is not an acknowledgement. */
    private static final int ANSWER_BYTES_MAX = 1024;

    private final NotificationOutbox outbox;
    private final GatewayIdentities identities;
    private final SimFaults faults;
    private final SimProperties properties;
    private final Clock clock;
    private final Semaphore inFlight;
    private final HttpClient http;
    /** The notify-url with this server's port filled in; null until the port is known. */
    private volatile String urlTemplate;

    Notifier(NotificationOutbox outbox, GatewayIdentities identities, SimFaults faults, SimProperties properties, Clock clock) {
        super("sim-notifier", properties.pollInterval());
        this.outbox = outbox;
        this.identities = identities;
        this.faults = faults;
        this.properties = properties;
        this.clock = clock;
        this.inFlight = new Semaphore(properties.notifyInFlightMax());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.notifyConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.urlTemplate = properties.notifyUrl().contains("{port}") ? null : properties.notifyUrl();
    }

    /**
     * The default notify-url points at this very server, whose port is known only once it listens
     * (and is taken again if the server restarts, in case the port changed).
     */
    @EventListener
    void onWebServerReady(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null && properties.notifyUrl().contains("{port}")) {
            urlTemplate = properties.notifyUrl().replace("{port}", Integer.toString(event.getWebServer().getPort()));
            signal();
        }
    }

    @Override
    protected int pollOnce() {
        int free = inFlight.availablePermits();
        if (urlTemplate == null || free == 0) {
            return 0;
        }
        List<NotificationOutbox.Attempt> batch = new ArrayList<>(outbox.claimDue(free, properties.notifyLease()));
        if (batch.stream().anyMatch(attempt -> faults.require(attempt.channel()).reorder())) {
            Collections.shuffle(batch);
        }
        for (NotificationOutbox.Attempt attempt : batch) {
            inFlight.acquireUninterruptibly();
            Thread.ofVirtual().name("sim-notify-" + attempt.id()).start(() -> deliverThenRelease(attempt));
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
        int all = properties.notifyInFlightMax();
        try {
            if (inFlight.tryAcquire(all, properties.notifyRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(urlTemplate.replace("{channel}", attempt.channel())))
                .timeout(properties.notifyRequestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(attempt), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer = readAnswer(response);
            if (response.statusCode() == 200 && "success".equals(answer.trim())) {
                outbox.acknowledged(attempt.id());
            } else {
                failed(attempt, response.statusCode(), "answered " + response.statusCode() + ": " + answer);
            }
        } catch (IOException e) {
            failed(attempt, null, e.toString());
        } catch (InterruptedException e) {
            // Shutting down mid-request: the lease lapses and some instance retries the attempt.
            Thread.currentThread().interrupt();
        }
    }

    private String formBody(NotificationOutbox.Attempt attempt) {
        var content = new NotificationForm.Content(attempt.outTradeNo(), attempt.tradeNo(), attempt.amount(),
                attempt.currency(), attempt.tradeStatus(), attempt.notifyId(), clock.instant());
        Map<String, String> form = identities.require(attempt.channel()).signedForm(content);
        return form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private void failed(NotificationOutbox.Attempt attempt, Integer httpStatus, String error) {
        List<Duration> delays = properties.notifyRetryDelays();
        boolean last = attempt.attempts() >= properties.notifyAttemptsMax();
        Duration retryDelay = delays.get(Math.min(attempt.attempts(), delays.size()) - 1);
        outbox.attemptFailed(attempt, last, retryDelay, httpStatus, error);
        if (last) {
            log.info("Notification {} of {} {} abandoned after {} attempts: {}", attempt.notifyId(), attempt.channel(),
                    attempt.outTradeNo(), attempt.attempts(), error);
        }
    }

    private static String readAnswer(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(ANSWER_BYTES_MAX + 1);
            return new String(bytes, 0, Math.min(bytes.length, ANSWER_BYTES_MAX), StandardCharsets.UTF_8)
                    + (bytes.length > ANSWER_BYTES_MAX ? "..." : "");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
