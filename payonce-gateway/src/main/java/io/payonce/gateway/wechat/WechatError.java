package io.payonce.gateway.wechat;

/** A refusal in WeChat Pay's words: the HTTP status and {@code {"code":..,"message":..}}. */
final class WechatError extends RuntimeException {

    private final int status;
    private final String code;

    WechatError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static WechatError param(String message) {
        return new WechatError(400, "PARAM_ERROR", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
