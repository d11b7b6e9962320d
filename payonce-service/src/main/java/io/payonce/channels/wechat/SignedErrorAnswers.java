package io.payonce.channels.wechat;

import java.io.IOException;
import java.util.List;

import com.wechat.pay.java.core.auth.Validator;
import com.wechat.pay.java.core.http.HttpHeaders;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Verifies the signature of WeChat Pay's error answers, which the SDK reads without checking:
 * it verifies 2xx answers only and turns any other status into a {@code ServiceException} at
 * its word. An error decides things here (404 RESOURCE_NOT_EXISTS lets a refund be released,
 * 400 a payment be declined), so one that is not signed by the platform key is treated as no
 * answer at all: an {@link IOException}, which the adapter reports as an unknown outcome.
 */
final class SignedErrorAnswers implements Interceptor {

    /** WeChat Pay's error bodies are a few hundred bytes; a longer one fails the signature and counts as no answer. */
    private static final long BODY_BYTES_MAX = 64 * 1024;
    /** The headers the SDK's validator looks up by exact name, whatever case they arrived in. */
    private static final List<String> SIGNATURE_HEADERS = List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial",
            "Wechatpay-Signature", "Request-ID");

    private final Validator validator;

    SignedErrorAnswers(Validator validator) {
        this.validator = validator;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        String body = response.peekBody(BODY_BYTES_MAX).string();
        if (!signed(response, body)) {
            int status = response.code();
            response.close();
            throw new IOException("WeChat Pay answered " + status + " without a valid platform signature");
        }
        return response;
    }

    private boolean signed(Response response, String body) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : SIGNATURE_HEADERS) {
            String value = response.header(name);
            if (value != null) {
                headers.addHeader(name, value);
            }
        }
        try {
            return validator.validate(headers, body);
        } catch (RuntimeException e) {
            // A missing or stale timestamp, an unknown serial: not a signature we can trust.
            return false;
        }
    }
}
