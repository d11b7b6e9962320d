package io.payonce.intake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.common.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * Queued intake over RabbitMQ (PAYONCE_AMQP_URL): after an order's intake commits, its id is
 * published to a durable queue; this instance's consumer takes the ids in batches, gives the orders
 * their turn in one transaction, and acknowledges the batch only after that transaction committed.
 * A redelivered id finds its order no longer queued and changes nothing. A failed batch is dropped,
 * not requeued: its orders are still QUEUED in PostgreSQL, where the poller sweeps them after
 * {@code sweep-after}. Likewise while the broker is down, intake goes on (its truth is the QUEUED
 * row, committed before the 202) and the poller does the consumer's work.
 *
 * <p>It owns its connection instead of using Spring Boot's RabbitMQ beans, so that nothing else in
 * the service connects to a broker because this one is configured, or the other way round.
 */
final class AmqpIntake implements IntakeSignal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AmqpIntake.class);
    /** A broker that does not answer a connect within a second is treated as down: the request goes on without it. */
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    /** After a failed publish, publishing pauses this long: a down broker costs one failed connect per pause, not one per order. */
    private static final long PUBLISH_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A batch is handed over when full or once no message came for this long. */
    private static final long BATCH_WAIT_MS = 20;
    /** How often the consumer tries to reconnect to a broker that went away. */
    private static final long RECOVERY_INTERVAL_MS = 5_000;

    private final CachingConnectionFactory connections;
    private final RabbitTemplate template;
    private final SimpleMessageListenerContainer consumer;
    private final String queue;
    private final QueuedOrderWorker worker;
    private final Counter publishFailures;
    private volatile long publishPausedUntil = System.nanoTime();

    AmqpIntake(URI broker, IntakeProperties properties, QueuedOrderWorker worker, MeterRegistry meters) {
        this.queue = properties.amqpQueue();
        this.worker = worker;
        this.connections = new CachingConnectionFactory(broker);
        connections.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        connections.addConnectionListener(new QueueDeclaration(queue));
        this.template = new RabbitTemplate(connections);
        this.consumer = consumer(properties.batchMax());
        this.publishFailures = Counter.builder("payonce.intake.publish.failures")
                .description("Queued orders whose id could not be published; the PostgreSQL poller takes them").register(meters);
    }

    @Override
    public void queued(String orderId) {
        if (System.nanoTime() - publishPausedUntil < 0) {
            publishFailures.increment();
            return;
        }
        try {
            template.send("", queue, new Message(orderId.getBytes(StandardCharsets.US_ASCII)));
        } catch (AmqpException e) {
            publishPausedUntil = System.nanoTime() + PUBLISH_PAUSE_NANOS;
            publishFailures.increment();
            log.warn("Queued intake: the broker did not take order {} ({}); the PostgreSQL poller takes it", orderId, e.toString());
        }
    }

    @Override
    public boolean brokered() {
        return true;
    }

    private SimpleMessageListenerContainer consumer(int batchMax) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setConsumerBatchEnabled(true);
        container.setBatchSize(batchMax);
        container.setPrefetchCount(2 * batchMax);
        container.setReceiveTimeout(BATCH_WAIT_MS);
        // One consumer per instance: it takes the ids in the order the queue holds them.
        container.setConcurrentConsumers(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setMissingQueuesFatal(false);
        container.setRecoveryInterval(RECOVERY_INTERVAL_MS);
        container.setMessageListener((BatchMessageListener) this::takeTurns);
        container.afterPropertiesSet();
        return container;
    }

    /** Returns only after the batch's transaction committed: the container acknowledges the batch then. */
    private void takeTurns(List<Message> messages) {
        List<String> orderIds = messages.stream()
                .map(message -> new String(message.getBody(), StandardCharsets.US_ASCII))
                // Anyone who can publish to the queue could send anything: only well-formed ids reach the database.
                .filter(id -> Ids.wellFormed(id, "ord"))
                .distinct()
                .toList();
        worker.take(orderIds);
    }

    @Override
    public void start() {
        consumer.start();
    }

    @Override
    public void stop() {
        consumer.stop();
    }

    @Override
    public boolean isRunning() {
        return consumer.isRunning();
    }

    /** Closes the broker connection once the consumer stopped. */
    void close() {
        consumer.destroy();
        connections.destroy();
    }

    /** Declares the durable queue on every new connection, so a broker restarted empty gets it back. */
    private record QueueDeclaration(String queue) implements ConnectionListener {
        @Override
        public void onCreate(Connection connection) {
            try (Channel channel = connection.createChannel(false)) {
                channel.queueDeclare(queue, true, false, false, null);
            } catch (Exception e) {
                log.warn("Queued intake: could not declare queue {} ({})", queue, e.toString());
            }
        }
    }
}
