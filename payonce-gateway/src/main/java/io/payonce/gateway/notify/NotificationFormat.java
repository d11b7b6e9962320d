package io.payonce.gateway.notify;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.payonce.gateway.book.SandboxBook.TradeView;

/**
 * How one gateway sends its asynchronous notifications: the request it builds (Alipay: a signed
 * form; WeChat Pay: signed JSON with an encrypted resource and {@code Wechatpay-*} headers), what
 * answer counts as acknowledged, and its real retry schedule. The notifier owns the outbox,
 * leases, faults and time scale; a format only speaks the protocol.
 */
public interface NotificationFormat {

    /** {@code alipay} or {@code wechat}. */
    String channel();

    /** The request for one copy of one notification, its body signed (and encrypted where the gateway does). */
    HttpRequest.Builder request(URI notifyUrl, Notice notice);

    /** True when the receiver's answer stops the gateway resending (Alipay: 200 and body {@code success}; WeChat: 200 or 204). */
    boolean acknowledged(int status, String body);

    /** The real gateway's wait before each retry, unscaled; its size bounds the retries. */
    List<Duration> retrySchedule();

    /** What a notification reports: the trade as it stood, and the id shared by the copies of one notification. */
    record Notice(TradeView trade, String notifyId, Instant sentAt) {
    }
}
