package io.payonce.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.payonce.gateway.book.NotificationOutbox;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.book.TradeTransitions;
import io.payonce.gateway.support.CallbackRecorder;
import io.payonce.gateway.support.GatewayIntegrationTest;
import io.payonce.gateway.support.WithTestNotificationFormat;
import io.payonce.gateway.support.TestNotificationFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Without notify-retry-delays, a format's own schedule runs, scaled by notify-time-scale. */
@GatewayIntegrationTest
@WithTestNotificationFormat
@TestPropertySource(properties = {"payonce.gateway.notify-retry-delays=", "payonce.gateway.notify-time-scale=0.0005"})
class ScaledScheduleIT {

    @Autowired
    SandboxBook book;
    @Autowired
    TradeTransitions transitions;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    CallbackRecorder recorder;
    @Autowired
    Notifier notifier;
    @LocalServerPort
    int port;

    @Test
    void the_formats_schedule_is_scaled_and_bounds_the_attempts() {
        String outTradeNo = "pay_" + UUID.randomUUID().toString().replace("-", "");
        book.open(new OpenRequest("alipay", "m", outTradeNo, 100, "CNY", "x", CallbackRecorder.notifyUrl(port, "alipay")));
        recorder.failFirst(outTradeNo, 100);
        transitions.pay("alipay", outTradeNo);

        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.ofTrade("alipay", outTradeNo).getFirst().state().equals("ABANDONED"));

        // One minute times 0.0005 is 30 ms; four retries, so five attempts in all.
        assertThat(notifier.schedule("alipay").orElseThrow().delays())
                .isEqualTo(Collections.nCopies(TestNotificationFormat.SCHEDULE.size(), Duration.ofMillis(30)));
        assertThat(outbox.ofTrade("alipay", outTradeNo).getFirst().attempts()).isEqualTo(5);
        assertThat(recorder.of(outTradeNo)).hasSize(5);
    }
}
