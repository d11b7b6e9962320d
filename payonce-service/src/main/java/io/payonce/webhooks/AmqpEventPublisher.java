package io.payonce.webhooks;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With RabbitMQ configured ({@code PAYONCE_AMQP_URL}), also publishes every event of the outbox to
 * the topic exchange {@value #EXCHANGE}, routing key = the event's type, after the change
 * committed. An event is marked published only once the broker confirmed it (publisher
 * confirms); until then it stays in the outbox and is published again, so a consumer may see it
 * twice and deduplicates by its id (the message id). The webhooks never depend on this: it is a
 * second way out of the same outbox, not the delivery.
 */
@Component
@ConditionalOnExpression("!'${payonce.amqp.url:}'.isBlank()")
class AmqpEventPublisher implements DisposableBean {

    static final String EXCHANGE = "payonce.events";
    /** Events published per transaction; the next run takes the rest. */
    private static final int BATCH_MAX = 200;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AmqpEventPublisher.class);

    private final WebhookRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConnectionFactory factory = new ConnectionFactory();
    private final Counter published;
    private Connection connection;
    private Channel channel;
    private boolean warned;

    AmqpEventPublisher(WebhookRepository repository, TransactionTemplate transactions, Clock clock, MeterRegistry meters,
                       @Value("${payonce.amqp.url}") String url) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
        try {
            factory.setUri(url.strip());
        } catch (Exception e) {
            throw new IllegalStateException("payonce.amqp.url (PAYONCE_AMQP_URL) is not an amqp:// or amqps:// URL");
        }
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        this.published = Counter.builder("payonce.events.published").description("Events confirmed by RabbitMQ").register(meters);
    }

    @Scheduled(fixedDelayString = "${payonce.webhooks.poll-interval:1s}")
    synchronized void publishPending() {
        try {
            int count;
            do {
                count = publishBatch();
            } while (count == BATCH_MAX);
            warned = false;
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (!warned) {
                log.warn("Publishing events to RabbitMQ failed (they stay in the outbox and are published later): {}", e.toString());
                warned = true;
            }
            close();
        }
    }

    /**
     * Publishes a batch in the transaction that holds their rows ({@code SKIP LOCKED}: another
     * instance takes others), and marks them only after the broker confirmed every one.
     */
    private int publishBatch() throws IOException, TimeoutException {
        Channel open = channel();
        Integer count = transactions.execute(tx -> {
            List<WebhookEvent> events = repository.lockUnpublished(BATCH_MAX);
            if (events.isEmpty()) {
                return 0;
            }
            try {
                for (WebhookEvent event : events) {
                    open.basicPublish(EXCHANGE, event.type(), false, properties(event), event.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                open.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            } catch (IOException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("RabbitMQ did not confirm the events: " + e, e);
            }
            repository.markPublished(events.stream().map(WebhookEvent::id).toList(), clock.instant().truncatedTo(ChronoUnit.MICROS));
            return events.size();
        });
        published.increment(count);
        return count;
    }

    private static AMQP.BasicProperties properties(WebhookEvent event) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(event.id())
                .type(event.type())
                .timestamp(Date.from(event.createdAt()))
                .headers(Map.of(WebhookSender.EVENT_ID_HEADER, event.id()))
                .build();
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel == null || !channel.isOpen()) {
            close();
            connection = factory.newConnection("payonce-events");
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
        }
        return channel;
    }

    private void close() {
        try {
            if (connection != null) {
                connection.close(1_000);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the RabbitMQ connection: {}", e.toString());
        }
        connection = null;
        channel = null;
    }

    @Override
    public synchronized void destroy() {
        close();
    }
}
