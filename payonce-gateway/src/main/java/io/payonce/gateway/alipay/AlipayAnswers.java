package io.payonce.gateway.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alipay's openapi answer, {@code {"<method>_response":{...},"sign":"..."}}, signed as the SDK
 * verifies it: RSA2 over the response object's JSON text exactly as sent, under the gateway's
 * private key (whose public half is the merchant's "Alipay public key").
 */
final class AlipayAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gatewayPrivateKeyBase64;

    AlipayAnswers(String gatewayPrivateKeyBase64) {
        this.gatewayPrivateKeyBase64 = gatewayPrivateKeyBase64;
    }

    /** {@code alipay.trade.query} answers under {@code alipay_trade_query_response}; an unknown method under {@code error_response}. */
    static String root(String method) {
        return method == null ? "error_response" : method.replace('.', '_') + "_response";
    }

    String success(String method, Map<String, Object> fields) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("code", "10000");
        content.put("msg", "Success");
        content.putAll(fields);
        return signed(root(method), content);
    }

    /** A failure: {@code code} and {@code msg} as Alipay names them, with its {@code sub_code} and {@code sub_msg}. */
    String failure(String root, AlipayError error, String subCode, String subMsg) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("code", error.code());
        content.put("msg", error.msg());
        content.put("sub_code", subCode);
        content.put("sub_msg", subMsg);
        return signed(root, content);
    }

    private String signed(String root, Map<String, Object> content) {
        String json = JSON.writeValueAsString(content);
        try {
            String sign = AlipaySignature.rsa256Sign(json, gatewayPrivateKeyBase64, "UTF-8");
            return "{\"" + root + "\":" + json + ",\"sign\":\"" + sign + "\"}";
        } catch (AlipayApiException e) {
            throw new IllegalStateException("The sandbox's own Alipay key does not sign", e);
        }
    }

    /** Alipay's public error codes. */
    enum AlipayError {
        UNAVAILABLE("20000", "Service Currently Unavailable"),
        MISSING_ARGUMENTS("40001", "Missing Required Arguments"),
        INVALID_ARGUMENTS("40002", "Invalid Arguments"),
        BUSINESS_FAILED("40004", "Business Failed"),
        INSUFFICIENT_PERMISSIONS("40006", "Insufficient Permissions");

        private final String code;
        private final String msg;

        AlipayError(String code, String msg) {
            this.code = code;
            this.msg = msg;
        }

        String code() {
            return code;
        }

        String msg() {
            return msg;
        }
    }
}
