package io.payonce.gateway.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Verifier;
import io.payonce.gateway.keys.SandboxKeys;

/**
 * Checks the merchant's {@code Authorization: WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",
 * signature="..",timestamp="..",serial_no=".."} as WeChat Pay does: the merchant and its key's
 * serial are the ones the sandbox knows, the timestamp is within five minutes, and the signature
 * over {@code METHOD\nURL\ntimestamp\nnonce\nbody\n} verifies with the merchant's public key
 * (the SDK's own {@link RSAVerifier}).
 */
final class MerchantSignatures {

    private static final String SCHEME = PlatformSigner.SIGNATURE_TYPE + " ";
    /** WeChat Pay refuses a request signed more than five minutes away from its own clock. */
    static final Duration CLOCK_SKEW_MAX = Duration.ofMinutes(5);
    /** A real header is about 500 characters; this bounds the work a forged one can cause. */
    private static final int HEADER_LENGTH_MAX = 2048;
    private static final Pattern PARAMETER = Pattern.compile("\\s*([a-z_]+)=\"([^\"]*)\"\\s*(?:,|$)");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NONCE = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final String mchId;
    private final String serial;
    private final Verifier verifier;
    private final Clock clock;

    MerchantSignatures(SandboxKeys keys, Clock clock) {
        this.mchId = keys.wechatMchId();
        this.serial = keys.wechatMerchantSerial();
        this.verifier = new RSAVerifier(keys.wechatMerchant().getPublic(), serial);
        this.clock = clock;
    }

    /** Why the call's signature is refused; empty when it verifies. */
    Optional<String> refusal(WechatCall call) {
        Optional<Map<String, String>> parameters = parameters(call.authorization());
        if (parameters.isEmpty()) {
            return Optional.of("Authorization is missing or not WECHATPAY2-SHA256-RSA2048 mchid,nonce_str,signature,timestamp,serial_no");
        }
        Map<String, String> token = parameters.get();
        if (!mchId.equals(token.get("mchid"))) {
            return Optional.of("mchid is not a merchant of this gateway");
        }
        if (!serial.equalsIgnoreCase(token.get("serial_no"))) {
            return Optional.of("serial_no names no certificate of this merchant");
        }
        if (!TIMESTAMP.matcher(token.get("timestamp")).matches() || !NONCE.matcher(token.get("nonce_str")).matches()) {
            return Optional.of("timestamp or nonce_str is malformed");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(token.get("timestamp")));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(CLOCK_SKEW_MAX) > 0) {
            return Optional.of("timestamp is more than 5 minutes away from the gateway's clock");
        }
        String message = call.method() + "\n" + call.canonicalUrl() + "\n" + token.get("timestamp") + "\n"
                + token.get("nonce_str") + "\n" + call.body() + "\n";
        return verifies(message, token.get("signature")) ? Optional.empty() : Optional.of("signature does not verify");
    }

    private boolean verifies(String message, String signature) {
        try {
            return verifier.verify(serial, message, signature);
        } catch (RuntimeException e) {
            // Not Base64, or a key the JDK refuses: a signature that does not verify, nothing more.
            return false;
        }
    }

    /** The five parameters, each exactly once; empty for anything else. */
    static Optional<Map<String, String>> parameters(String authorization) {
        if (authorization == null || authorization.length() > HEADER_LENGTH_MAX || !authorization.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = authorization.substring(SCHEME.length());
        Map<String, String> found = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(rest);
        int end = 0;
        while (end < rest.length() && matcher.find(end) && matcher.start() == end) {
            if (found.putIfAbsent(matcher.group(1), matcher.group(2)) != null) {
                return Optional.empty();
            }
            end = matcher.end();
        }
        boolean complete = end == rest.length() && found.size() == 5 && found.keySet().containsAll(
                java.util.List.of("mchid", "nonce_str", "signature", "timestamp", "serial_no"));
        return complete ? Optional.of(found) : Optional.empty();
    }
}
