package io.payonce.channels.sim;

import static io.payonce.channels.sim.SimTradesIT.newPaymentId;
import static io.payonce.channels.sim.SimTradesIT.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannels;
import io.payonce.support.IntegrationTest;
import io.payonce.support.SecondPayonce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two payonce instances on one database, as in a scaled-out deployment: the test's own context
 * (A) and a second application (B) started here against A's database.
 */
@SimIntegrationTest
class SimTwoInstancesIT {

    private static ConfigurableApplicationContext instanceB;

    @Autowired
    Environment environment;
    @Autowired
    PaymentChannels channels;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    CallbackRecorder recorder;
    @LocalServerPort
    int port;

    SimHttp httpA;
    SimHttp httpB;

    @BeforeEach
    void startInstanceB() {
        if (instanceB == null) {
            // SecondPayonce's builder keeps the tests' own components (the recorder) out of instance B.
            instanceB = SecondPayonce.builder()
                    // Command-line arguments: they outrank application.yml, which default properties would not.
                    .run("--payonce.db.url=" + environment.getProperty("payonce.db.url"),
                            "--payonce.db.username=" + environment.getProperty("payonce.db.username"),
                            "--payonce.db.password=",
                            "--payonce.db.pool-size=4",
                            "--server.port=0",
                            "--payonce.admin.token=" + IntegrationTest.ADMIN_TOKEN,
                            "--payonce.rate-limit.per-second=0",
                            "--payonce.card-keys.encryption-key=" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY,
                            "--payonce.sim.notify-url=http://127.0.0.1:" + port + "/test-callbacks/{channel}",
                            "--payonce.sim.notify-retry-delays=40ms");
        }
        httpA = new SimHttp(port);
        httpB = new SimHttp(((WebServerApplicationContext) instanceB).getWebServer().getPort());
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
            instanceB = null;
        }
    }

    @Test
    void both_instances_sign_with_the_one_stored_key_pair_per_channel() {
        assertThat(httpB.get("/sim/alipay/public-key").body()).isEqualTo(httpA.get("/sim/alipay/public-key").body());
        assertThat(httpB.get("/sim/wechat/public-key").body()).isEqualTo(httpA.get("/sim/wechat/public-key").body());
    }

    @Test
    void a_trade_opened_on_one_instance_is_paid_on_the_other_and_its_notification_verifies_on_both() {
        PaymentChannel alipayA = channels.find("alipay").orElseThrow();
        PaymentChannel alipayB = instanceB.getBean(PaymentChannels.class).find("alipay").orElseThrow();
        String paymentId = newPaymentId();
        assertThat(alipayA.createTrade(request(paymentId, 1999))).isInstanceOf(TradeOutcome.Created.class);

        SimHttp.Answer paidOnB = httpB.post("/sim/alipay/payments/" + paymentId + "/succeed");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> !recorder.of(paymentId).isEmpty());
        CallbackRecorder.Delivery delivery = recorder.of(paymentId).getFirst();

        assertThat(paidOnB.status()).isEqualTo(200);
        assertThat(delivery.parsed()).isInstanceOf(Notification.Paid.class);
        assertThat(alipayB.parseNotification(FormNotifications.of(delivery.form()))).isEqualTo(delivery.parsed());
    }

    @Test
    void two_instances_share_the_outbox_without_sending_any_attempt_twice() {
        PaymentChannel alipayA = channels.find("alipay").orElseThrow();
        List<String> paymentIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String paymentId = newPaymentId();
            alipayA.createTrade(request(paymentId, 100 + i));
            paymentIds.add(paymentId);
            SimHttp http = i % 2 == 0 ? httpA : httpB;
            assertThat(http.post("/sim/alipay/payments/" + paymentId + "/succeed").status()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> paymentIds.stream()
                .allMatch(id -> outbox.ofTrade("alipay", id).stream().allMatch(entry -> entry.state().equals("DELIVERED"))));

        assertThat(paymentIds).allSatisfy(id -> assertThat(recorder.of(id)).hasSize(1));
    }
}
