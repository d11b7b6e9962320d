package io.payonce.gateway.alipay;

import java.util.Map;

/**
 * One method of Alipay's openapi ({@code alipay.trade.precreate}, ...), as the sandbox answers it.
 * The openapi endpoint verifies the caller's signature, parses {@code biz_content}, finds the
 * method by name, and signs whatever it returns into {@code <method>_response}; each method is one
 * bean, so a package can add one without touching the endpoint.
 */
public interface AlipayMethod {

    /** The method's name as sent in {@code method}, for example {@code alipay.trade.query}. */
    String name();

    /**
     * The response's fields (without {@code code}/{@code msg} on success: the endpoint adds
     * {@code 10000 Success}); a business failure is an {@link AlipayFailure}.
     */
    Map<String, Object> handle(String appId, Map<String, Object> bizContent) throws AlipayFailure;

    /**
     * The same, with the call's common parameters (those sent beside {@code biz_content}, such as
     * {@code notify_url}); the endpoint calls this one. A method that needs none keeps the default.
     */
    default Map<String, Object> handle(String appId, Map<String, Object> bizContent, Map<String, String> commonParams)
            throws AlipayFailure {
        return handle(appId, bizContent);
    }

    /** A business failure: {@code sub_code} and {@code sub_msg} under Alipay's {@code 40004 Business Failed}. */
    final class AlipayFailure extends Exception {
        private final String subCode;

        public AlipayFailure(String subCode, String subMsg) {
            super(subMsg);
            this.subCode = subCode;
        }

        public String subCode() {
            return subCode;
        }
    }
}
