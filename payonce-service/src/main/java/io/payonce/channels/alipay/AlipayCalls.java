package io.payonce.channels.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.internal.parser.json.ObjectJsonParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One openapi call through Alipay's SDK, its answer sorted into what payonce may trust: a verified
 * success, Alipay's signed refusal, or no answer at all (which includes an answer whose signature
 * fails, and an unsigned refusal).
 */
final class AlipayCalls {

    private static final Logger log = LoggerFactory.getLogger(AlipayCalls.class);
    /** Enough for the SDK's own messages; a reason is logged and may be stored with the payment. */
    static final int DESCRIPTION_LENGTH_MAX = 120;

    private final AlipayClient client;

    AlipayCalls(AlipayClient client) {
        this.client = client;
    }

    /** Makes the call once; never throws. */
    <T extends AlipayResponse> Answer<T> execute(AlipayRequest<T> call) {
        T answer;
        try {
            answer = client.execute(call);
        } catch (AlipayApiException | RuntimeException e) {
            // The SDK throws for a transport failure, a timeout, an unreadable answer and a
            // signature that fails: in each the trade may or may not exist.
            String reason = call.getApiMethodName() + " unanswered: " + describe(e);
            log.warn("alipay {}", reason);
            return new Answer.NoAnswer<>(reason);
        }
        if ("10000".equals(answer.getCode()) && blank(answer.getSubCode())) {
            return new Answer.Ok<>(answer);
        }
        if (!signed(call, answer)) {
            // The SDK checks a failure's signature only when it has one: an unsigned refusal could
            // come from anyone on the way, so it declines nothing.
            log.warn("alipay {} answered an unsigned {} {}", call.getApiMethodName(), answer.getCode(), answer.getSubCode());
            return new Answer.NoAnswer<>(call.getApiMethodName() + " answered an unsigned " + answer.getCode());
        }
        log.info("alipay {} refused: {} {} {}", call.getApiMethodName(), answer.getCode(), answer.getSubCode(),
                bounded(answer.getSubMsg()));
        return new Answer.Refused<>(answer.getCode(), answer.getSubCode());
    }

    private static <T extends AlipayResponse> boolean signed(AlipayRequest<T> call, T answer) {
        try {
            return answer.getBody() != null
                    && !blank(new ObjectJsonParser<>(call.getResponseClass()).getSignItem(call, answer.getBody()).getSign());
        } catch (AlipayApiException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The failure's kind: the SDK's own message where it has one (a signature that fails reads
     * "sign check fail"), else the root cause's class; bounded, as it is logged and stored.
     */
    static String describe(Throwable e) {
        String sdkMessage = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AlipayApiException && t.getCause() == null && t.getMessage() != null) {
                sdkMessage = t.getMessage();
            }
            root = t;
        }
        String what = sdkMessage != null ? sdkMessage : root.getClass().getSimpleName();
        return what.length() > DESCRIPTION_LENGTH_MAX ? what.substring(0, DESCRIPTION_LENGTH_MAX) : what;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String bounded(String text) {
        return text == null || text.length() <= DESCRIPTION_LENGTH_MAX ? text : text.substring(0, DESCRIPTION_LENGTH_MAX);
    }

    /** What an openapi call came back with. */
    sealed interface Answer<T extends AlipayResponse> {

        /** {@code 10000 Success}, its signature verified by the SDK. */
        record Ok<T extends AlipayResponse>(T answer) implements Answer<T> {
        }

        /** Alipay's signed refusal. */
        record Refused<T extends AlipayResponse>(String code, String subCode) implements Answer<T> {
            boolean is(String wanted) {
                return wanted.equals(subCode);
            }

            /** 20000 and ACQ.SYSTEM_ERROR: Alipay itself says to retry; the call may have been carried out. */
            boolean retryable() {
                return "20000".equals(code) || "ACQ.SYSTEM_ERROR".equals(subCode);
            }

            String reason() {
                return code + (subCode == null ? "" : " " + subCode);
            }
        }

        /** No answer, an unreadable one, or one whose signature failed. */
        record NoAnswer<T extends AlipayResponse>(String reason) implements Answer<T> {
        }
    }
}
