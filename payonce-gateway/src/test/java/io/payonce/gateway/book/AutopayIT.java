package io.payonce.gateway.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.payonce.gateway.book.SandboxBook.Closed;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.faults.FaultUpdate;
import io.payonce.gateway.faults.SandboxFaults;
import io.payonce.gateway.support.CallbackRecorder;
import io.payonce.gateway.support.GatewayIntegrationTest;
import io.payonce.gateway.support.WithTestNotificationFormat;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

@GatewayIntegrationTest
@WithTestNotificationFormat
@TestPropertySource(properties = "payonce.gateway.autopay-ms=150")
class AutopayIT {

    @Autowired
    SandboxBook book;
    @Autowired
    Trades trades;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    SandboxFaults faults;
    @Autowired
    CallbackRecorder recorder;
    @LocalServerPort
    int port;

    @AfterEach
    void resetFaults() {
        faults.require("alipay").reset();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
    }

    private String open() {
        String outTradeNo = "pay_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(book.open(new OpenRequest("alipay", "2021000000000001", outTradeNo, 1999, "CNY", "Autopaid",
                CallbackRecorder.notifyUrl(port, "alipay")))).isInstanceOf(SandboxBook.Opened.Created.class);
        return outTradeNo;
    }

    private boolean notified(String outTradeNo) {
        List<NotificationOutbox.Entry> entries = outbox.ofTrade("alipay", outTradeNo);
        return !entries.isEmpty() && entries.stream().allMatch(entry -> entry.state().equals("DELIVERED"));
    }

    @Test
    void a_new_trade_pays_itself_once_its_autopay_time_has_come_and_is_notified() {
        String outTradeNo = open();

        eventually().until(() -> notified(outTradeNo));
        Trade trade = trades.find("alipay", outTradeNo).orElseThrow();

        assertThat(trade.status()).isEqualTo(TradeState.TRADE_SUCCESS);
        assertThat(Duration.between(trade.createdAt(), trade.autopayAt())).isEqualTo(Duration.ofMillis(150));
        assertThat(trade.paidAt()).isAfterOrEqualTo(trade.autopayAt());
        assertThat(recorder.of(outTradeNo)).hasSize(1).first().extracting(CallbackRecorder.Delivery::tradeStatus).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void a_trade_opened_under_the_pending_fault_is_never_autopaid() {
        faults.require("alipay").apply(FaultUpdate.parse(JsonMapper.builder().build().readTree("{\"nextTrades\": [\"PENDING\"]}")));
        String pending = open();
        String normal = open();

        eventually().until(() -> notified(normal));

        assertThat(trades.find("alipay", pending).orElseThrow()).satisfies(trade -> {
            assertThat(trade.status()).isEqualTo(TradeState.WAIT_BUYER_PAY);
            assertThat(trade.autopayAt()).isNull();
        });
        assertThat(outbox.ofTrade("alipay", pending)).isEmpty();
    }

    @Test
    void a_burst_of_trades_racing_closes_ends_with_each_trade_final_once_with_one_matching_notification() {
        List<String> opened = new ArrayList<>();
        List<Closed> closes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            opened.add(open());
            if (i % 3 == 0) {
                closes.add(book.close("alipay", opened.get(i)));
            }
        }

        eventually().until(() -> opened.stream().allMatch(this::notified));

        for (int i = 0; i < opened.size(); i++) {
            TradeView trade = book.find("alipay", opened.get(i)).orElseThrow();
            List<NotificationOutbox.Entry> entries = outbox.ofTrade("alipay", opened.get(i));
            assertThat(entries).singleElement().extracting(NotificationOutbox.Entry::tradeStatus).isEqualTo(trade.status());
            TradeState expected = i % 3 == 0 && closes.get(i / 3) instanceof Closed.Done ? TradeState.TRADE_CLOSED : TradeState.TRADE_SUCCESS;
            assertThat(trade.status()).isEqualTo(expected);
        }
    }
}
