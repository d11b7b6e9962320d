package io.payonce.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A broker is configured but down (nothing listens on its port): intake goes on, every order is
 * answered 202 from its PostgreSQL write, and the poller sweeps what the broker never carried.
 */
@IntegrationTest
@TestPropertySource(properties = "payonce.intake.sweep-after=500ms")
class QueuedIntakeBrokerDownIT {

    @DynamicPropertySource
    static void brokerThatIsDown(DynamicPropertyRegistry registry) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        registry.add("payonce.amqp.url", () -> "amqp://guest:guest@127.0.0.1:" + port);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeSignal signal;
    @Autowired
    MeterRegistry meters;

    QueuedSale sale;

    @BeforeEach
    void setUp() {
        sale = new QueuedSale(new Api(port), jdbc);
    }

    @Test
    void with_the_broker_down_every_order_is_still_answered_202_and_every_buyer_told_with_no_oversell() throws Exception {
        assertThat(signal.brokered()).isTrue();
        String sku = sale.queuedSku(10);

        List<QueuedSale.Order> orders = sale.storm(sku, 100);

        sale.assertNoOversell(sku, 10, sale.awaitEveryBuyerTold(orders));
        assertThat(meters.get("payonce.intake.publish.failures").counter().count()).isGreaterThanOrEqualTo(100);
    }
}
