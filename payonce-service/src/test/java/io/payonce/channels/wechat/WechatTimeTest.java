package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** WeChat Pay's time_expire is RFC 3339 at Beijing time's offset: the order's expiry, as WeChat Pay reads it. */
class WechatTimeTest {

    @Test
    void an_orders_expiry_is_written_at_plus_eight() {
        assertThat(WechatChannel.WECHAT_TIME.format(Instant.parse("2026-11-30T16:15:00Z"))).isEqualTo("2026-12-01T00:15:00+08:00");
    }
}
