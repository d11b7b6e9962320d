package io.payonce.payments;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.payonce.channels.Breakers;
import io.payonce.channels.PaymentChannels;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import io.payonce.support.ScriptedChannel;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * payonce with two scripted gateways (alipay, wechat; see {@link ScriptedChannel}) instead of the
 * sandbox gateway, a clock the tests move, and its scheduled jobs slowed to once an hour so that only
 * the test runs them. Small breaker and timeout settings keep the fault tests short; the subclasses
 * share one context.
 */
@IntegrationTest
@Import(ScriptedGatewayTest.Gateways.class)
@TestPropertySource(properties = {
        // The scripted gateways are the alipay and wechat channels here, not the sandbox gateway's adapters.
        "payonce.channels.alipay.enabled=false",
        "payonce.channels.wechat.enabled=false",
        "payonce.channels.fallback-order=alipay,wechat",
        "payonce.channels.resilience.call-timeout=300ms",
        "payonce.channels.resilience.breaker.window-calls=4",
        "payonce.channels.resilience.breaker.minimum-calls=4",
        "payonce.channels.resilience.breaker.open-for=30s",
        "payonce.channels.resilience.breaker.half-open-calls=2",
        "payonce.channels.resilience.retry.backoff-initial=5ms",
        "payonce.channels.resilience.retry.backoff-max=20ms",
        "payonce.payments.janitor-interval=1h",
        "payonce.orders.expiry-sweep-interval=1h",
        "payonce.idempotency.completer.interval=1h",
        "payonce.idempotency.completer.after=1s",
})
abstract class ScriptedGatewayTest {

    static final ScriptedChannel ALIPAY = new ScriptedChannel("alipay");
    static final ScriptedChannel WECHAT = new ScriptedChannel("wechat");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MutableClock clock;
    @Autowired
    PaymentChannels channels;
    Shop shop;

    @BeforeEach
    void freshGateways() {
        ALIPAY.reset();
        WECHAT.reset();
        Breakers.resetAll(channels);
        shop = new Shop(new Api(port));
    }

    long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    long charges(String orderId) {
        return count("SELECT count(*) FROM ledger_entries WHERE kind = 'CHARGE' AND order_id = ?", orderId);
    }

    @TestConfiguration
    static class Gateways {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        @Bean
        ScriptedChannel alipayChannel() {
            return ALIPAY;
        }

        @Bean
        ScriptedChannel wechatChannel() {
            return WECHAT;
        }
    }
}
