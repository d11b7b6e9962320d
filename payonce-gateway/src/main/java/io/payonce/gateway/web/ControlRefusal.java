package io.payonce.gateway.web;

import org.springframework.http.HttpStatus;

/** A refusal of the control API: answered as problem+json with its {@code code}. */
final class ControlRefusal extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    ControlRefusal(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ControlRefusal channelNotFound(String channel) {
        return new ControlRefusal(HttpStatus.NOT_FOUND, "channel_not_found", "The sandbox plays no channel '" + channel + "'");
    }

    static ControlRefusal tradeNotFound(String channel, String outTradeNo) {
        return new ControlRefusal(HttpStatus.NOT_FOUND, "trade_not_found", "No " + channel + " trade '" + outTradeNo + "'");
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
