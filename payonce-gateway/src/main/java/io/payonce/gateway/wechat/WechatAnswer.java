package io.payonce.gateway.wechat;

import java.util.Map;

/** The sandbox's answer to one v3 call: status, headers (the signed {@code Wechatpay-*} among them) and body. */
public record WechatAnswer(int status, Map<String, String> headers, String body) {

    public WechatAnswer {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }
}
