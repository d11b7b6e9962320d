package io.payonce.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With RabbitMQ configured (the machine's, on 5672), a paid order's events reach a queue bound to
 * the topic exchange payonce.events by their type, carrying the event's id, after the change
 * committed; the outbox marks them published once the broker confirmed them.
 */
@IntegrationTest
@TestPropertySource(properties = "payonce.amqp.url=amqp://guest:guest@127.0.0.1:5672")
class AmqpEventsIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_paid_orders_events_reach_a_queue_bound_by_type_with_their_ids() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:5672");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(AmqpEventPublisher.EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, AmqpEventPublisher.EXCHANGE, "order.paid");
            channel.queueBind(queue, AmqpEventPublisher.EXCHANGE, "order.delivered");
            List<Delivery> received = new CopyOnWriteArrayList<>();
            channel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), tag -> { });

            Shop shop = new Shop(new Api(port));
            String orderId = shop.placeOrder(shop.stockedSku("amqp", 100, 1), 1);
            shop.buyerPays(shop.startPayment(orderId));
            shop.awaitStatus(orderId, "DELIVERED");

            List<String> eventIds = jdbc.sql("SELECT id FROM webhook_events WHERE subject_ref = ? ORDER BY type").param(orderId)
                    .query(String.class).list();
            assertThat(eventIds).hasSize(2);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .filter(d -> eventIds.contains(d.getProperties().getMessageId())).count() == 2);
            for (Delivery delivery : received.stream().filter(d -> eventIds.contains(d.getProperties().getMessageId())).toList()) {
                String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                assertThat(Api.parse(body).get("id").asString()).isEqualTo(delivery.getProperties().getMessageId());
                assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo(Api.parse(body).get("type").asString());
                assertThat(delivery.getProperties().getContentType()).isEqualTo("application/json");
                assertThat(delivery.getProperties().getDeliveryMode()).as("persistent").isEqualTo(2);
                assertThat(body).isEqualTo(jdbc.sql("SELECT body FROM webhook_events WHERE id = ?")
                        .param(delivery.getProperties().getMessageId()).query(String.class).single());
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM webhook_events WHERE subject_ref = ? AND published_at IS NOT NULL").param(orderId)
                    .query(Long.class).single() == 2);
        }
    }
}
