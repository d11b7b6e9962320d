package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.payonce.channels.PaymentChannel.TradeRequest;
import org.junit.jupiter.api.Test;

/** What payonce asks Alipay to open: the trade ends when the order expires, in Alipay's own clock and format. */
class AlipayPrecreateTest {

    @Test
    void the_trade_expires_with_the_order_in_beijing_time() {
        var model = AlipayChannel.precreate(new TradeRequest("pay_1", "ord_1", 1999, "CNY", "Game key",
                Instant.parse("2026-11-30T16:15:00Z")));

        assertThat(model.getTimeExpire()).isEqualTo("2026-12-01 00:15:00");
        assertThat(model.getTotalAmount()).isEqualTo("19.99");
        assertThat(model.getOutTradeNo()).isEqualTo("pay_1");
    }

    @Test
    void without_a_deadline_alipay_keeps_its_own_default() {
        assertThat(AlipayChannel.precreate(new TradeRequest("pay_1", "ord_1", 1999, "CNY", null)).getTimeExpire()).isNull();
    }
}
