package io.payonce.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Queued intake through the machine's RabbitMQ (127.0.0.1:5672, guest/guest), on a queue of this
 * test run's own. The PostgreSQL sweep waits ten minutes here, so every turn below was taken by the
 * broker's consumer.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "payonce.amqp.url=" + QueuedIntakeAmqpIT.BROKER,
        "payonce.intake.sweep-after=10m"})
class QueuedIntakeAmqpIT {

    /** No path: the default vhost "/" (a path of "/" alone would name the vhost "", which does not exist). */
    static final String BROKER = "amqp://guest:guest@127.0.0.1:5672";
    private static final String QUEUE = "payonce.test.order-intake." + UUID.randomUUID();

    @DynamicPropertySource
    static void queueOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("payonce.intake.amqp-queue", () -> QUEUE);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AmqpIntake intake;
    @Autowired
    QueuedOrderWorker worker;
    QueuedSale sale;

    @BeforeEach
    void setUp() {
        sale = new QueuedSale(new Api(port), jdbc);
    }

    @AfterAll
    static void deleteQueue() throws Exception {
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(QUEUE);
        }
    }

    @Test
    void two_hundred_buyers_for_twenty_keys_are_told_through_the_broker_with_no_oversell() throws Exception {
        String sku = sale.queuedSku(20);

        List<QueuedSale.Order> orders = sale.storm(sku, 200);

        sale.assertNoOversell(sku, 20, sale.awaitEveryBuyerTold(orders));
        awaitQueueEmpty();
    }

    @Test
    void a_message_redelivered_after_its_reservation_committed_changes_nothing() throws Exception {
        String sku = sale.queuedSku(2);
        intake.stop();
        QueuedSale.Order order;
        Instant expiresAt;
        try {
            order = sale.order(sku);
            try (Connection connection = broker().newConnection()) {
                Channel crashing = connection.createChannel();
                GetResponse message = awaitMessage(crashing);
                assertThat(new String(message.getBody(), StandardCharsets.US_ASCII)).isEqualTo(order.id());

                assertThat(worker.take(List.of(order.id()))).isEqualTo(1);
                expiresAt = expiresAt(order.id());
                // The consumer dies after its commit and before its ack: the broker hands the message out again.
                crashing.close();
                try (Channel look = connection.createChannel()) {
                    assertThat(look.queueDeclarePassive(QUEUE).getMessageCount()).isEqualTo(1);
                }
            }
        } finally {
            intake.start();
        }

        awaitQueueEmpty();
        assertThat(order.status()).isEqualTo("PENDING_PAYMENT");
        assertThat(expiresAt(order.id())).isEqualTo(expiresAt);
        assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE order_id = ?").param(order.id()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM card_keys WHERE sku = ? AND status = 'AVAILABLE'").param(sku)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_queued_order_can_be_read_but_not_paid_or_cancelled_before_its_turn() {
        String sku = sale.queuedSku(1);
        intake.stop();
        QueuedSale.Order order;
        try {
            order = sale.order(sku);

            Api.Answer read = order.buyer().getOrder(order.id());
            Api.Answer pay = order.buyer().pay(order.id(), UUID.randomUUID().toString());
            Api.Answer cancel = order.buyer().cancel(order.id(), UUID.randomUUID().toString());

            assertThat(read.json().get("status").asString()).isEqualTo("QUEUED");
            assertThat(read.json().has("expiresAt")).isFalse();
            assertThat(pay.status()).isEqualTo(409);
            assertThat(pay.code()).isEqualTo("order_not_payable");
            assertThat(cancel.status()).isEqualTo(409);
            assertThat(cancel.code()).isEqualTo("order_not_cancellable");
            assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = ?").param(order.id()).query(Long.class).single()).isZero();
            assertThat(order.status()).isEqualTo("QUEUED");
        } finally {
            intake.start();
        }
        assertThat(sale.awaitEveryBuyerTold(List.of(order))).containsValue("PENDING_PAYMENT");
    }

    @Test
    void a_message_naming_no_order_or_junk_is_dropped_and_the_consumer_goes_on() throws Exception {
        String sku = sale.queuedSku(1);
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", QUEUE, null, "ord_00000000000000000000000000".getBytes(StandardCharsets.US_ASCII));
            channel.basicPublish("", QUEUE, null, "'; DROP TABLE orders; --".getBytes(StandardCharsets.US_ASCII));
        }

        QueuedSale.Order order = sale.order(sku);

        assertThat(sale.awaitEveryBuyerTold(List.of(order))).containsValue("PENDING_PAYMENT");
        awaitQueueEmpty();
    }

    private Instant expiresAt(String orderId) {
        return jdbc.sql("SELECT expires_at FROM orders WHERE id = ?").param(orderId).query(Instant.class).single();
    }

    private static GetResponse awaitMessage(Channel channel) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> channel.basicGet(QUEUE, false), message -> message != null);
    }

    private static void awaitQueueEmpty() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
                return channel.queueDeclarePassive(QUEUE).getMessageCount() == 0 && channel.consumerCount(QUEUE) == 1;
            }
        });
    }

    static ConnectionFactory broker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        return factory;
    }
}
