package io.payonce.gateway.wechat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.util.NonceUtil;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.notify.NotificationFormat;

/**
 * WeChat Pay's payment notification: JSON whose {@code resource} is the transaction encrypted
 * with the merchant's API v3 key (AEAD_AES_256_GCM, associated data {@code transaction}, the
 * SDK's own {@link AeadAesCipher}), signed in {@code Wechatpay-*} headers with the platform key
 * at the moment each copy is sent. Acknowledged by a 200 or 204; resent on WeChat Pay's
 * schedule of about 24 hours.
 */
public final class WechatNotificationFormat implements NotificationFormat {

    /** WeChat Pay's documented waits between resends: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, 24h4m in all. */
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(6));
    private static final String ASSOCIATED_DATA = "transaction";
    /** AES-GCM's 96-bit IV, sent as 12 ASCII characters like WeChat Pay's. */
    private static final int NONCE_LENGTH = 12;

    private final SandboxKeys keys;
    private final AeadCipher cipher;
    private final PlatformSigner signer;

    public WechatNotificationFormat(SandboxKeys keys, Clock clock) {
        this.keys = keys;
        this.cipher = new AeadAesCipher(keys.wechatApiV3Key().getBytes(StandardCharsets.UTF_8));
        this.signer = new PlatformSigner(keys, clock);
    }

    @Override
    public String channel() {
        return WechatV3Api.CHANNEL;
    }

    @Override
    public HttpRequest.Builder request(URI notifyUrl, Notice notice) {
        String body = body(notice);
        HttpRequest.Builder request = HttpRequest.newBuilder(notifyUrl)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signer.headersFor(body).forEach(request::header);
        return request;
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return status == 200 || status == 204;
    }

    @Override
    public List<Duration> retrySchedule() {
        return SCHEDULE;
    }

    /** The notification's JSON, its resource freshly encrypted (a new nonce for every copy). */
    String body(Notice notice) {
        String plaintext = RequestFields.json(WechatResources.transaction(notice.trade(), keys));
        String nonce = NonceUtil.createNonce(NONCE_LENGTH);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("original_type", "transaction");
        resource.put("algorithm", "AEAD_AES_256_GCM");
        resource.put("ciphertext", cipher.encrypt(ASSOCIATED_DATA.getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8), plaintext.getBytes(StandardCharsets.UTF_8)));
        resource.put("associated_data", ASSOCIATED_DATA);
        resource.put("nonce", nonce);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", notice.notifyId());
        json.put("create_time", WechatResources.time(notice.sentAt()));
        json.put("resource_type", "encrypt-resource");
        json.put("event_type", eventType(notice.trade()));
        json.put("summary", summary(notice.trade()));
        json.put("resource", resource);
        return RequestFields.json(json);
    }

    private static String eventType(TradeView trade) {
        return switch (trade.status()) {
            case TRADE_SUCCESS -> "TRANSACTION.SUCCESS";
            case TRADE_CLOSED -> "TRANSACTION.CLOSED";
            case WAIT_BUYER_PAY -> "TRANSACTION.NOTPAY";
        };
    }

    private static String summary(TradeView trade) {
        return switch (trade.status()) {
            case TRADE_SUCCESS -> "支付成功";
            case TRADE_CLOSED -> "订单已关闭";
            case WAIT_BUYER_PAY -> "订单未支付";
        };
    }
}
