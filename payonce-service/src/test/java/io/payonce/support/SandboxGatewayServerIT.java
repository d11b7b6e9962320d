package io.payonce.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.payonce.gateway.book.SandboxBook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/** Every service test context is pointed at the JVM's sandbox gateway, and can drive it. */
@IntegrationTest
@TestPropertySource(properties = "payonce.channels.wechat.base-url=http://127.0.0.1:1")
class SandboxGatewayServerIT {

    @Autowired
    Environment environment;

    private final SandboxGatewayServer gateway = SandboxGatewayServer.get();
    private final SandboxControl control = gateway.control();

    @AfterEach
    void resetFaults() {
        control.resetFaults("alipay");
    }

    @Test
    void the_context_holds_the_gateways_merchant_settings_below_the_tests_own() {
        assertThat(environment.getProperty("payonce.channels.alipay.gateway-url")).isEqualTo(gateway.baseUrl() + "/alipay/gateway.do");
        assertThat(Path.of(environment.getProperty("payonce.channels.alipay.app-private-key-file"))).exists()
                .startsWith(gateway.keysDir());
        assertThat(environment.getProperty("payonce.channels.wechat.base-url")).isEqualTo("http://127.0.0.1:1");
    }

    @Test
    void control_pays_a_trade_shows_it_and_flips_fault_switches() {
        String outTradeNo = "pay_" + UUID.randomUUID().toString().replace("-", "");
        gateway.book().open(new SandboxBook.OpenRequest("alipay", "2021000000000001", outTradeNo, 1999, "CNY", "Fixture", null));

        assertThat(control.pay("alipay", outTradeNo).ok().json().path("status").stringValue()).isEqualTo("TRADE_SUCCESS");
        assertThat(control.fail("alipay", outTradeNo).code()).isEqualTo("trade_not_open");
        assertThat(control.readTrade("alipay", outTradeNo).path("amount").longValue()).isEqualTo(1999);
        assertThat(control.trade("alipay", "pay_nothing_here").code()).isEqualTo("trade_not_found");
        assertThat(control.setFaults("alipay", "{\"nextTrades\": [\"TIMEOUT\"]}").ok().json().path("nextTrades").get(0).stringValue())
                .isEqualTo("TIMEOUT");
        assertThat(control.resetFaults("alipay").ok().json().path("nextTrades").isEmpty()).isTrue();
    }

    @Test
    void its_notifications_run_on_a_fast_schedule_and_give_up_on_a_dead_receiver() {
        String outTradeNo = "pay_" + UUID.randomUUID().toString().replace("-", "");
        gateway.book().open(new SandboxBook.OpenRequest("alipay", "2021000000000001", outTradeNo, 100, "CNY", "Fixture",
                "http://127.0.0.1:1/nobody"));
        control.pay("alipay", outTradeNo).ok();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                !control.readTrade("alipay", outTradeNo).path("notifications").get(0).path("state").stringValue().equals("PENDING"));

        assertThat(control.readTrade("alipay", outTradeNo).path("notifications").get(0).path("state").stringValue())
                .isIn("ABANDONED");
    }
}
