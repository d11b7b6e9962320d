package io.payonce.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.payonce.client.http.HttpAnswer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox gateway's control API for tests: the buyer paying or giving up, a trade as the
 * gateway books it, and the fault switches. Sent through payonce-client's connections ({@link Api#exchange}).
 */
public final class SandboxControl {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    SandboxControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One answer: status and body (a trade, the switches, or a problem with its {@code code}). */
    public record Answer(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").stringValue(null);
        }

        /** This answer, when it is 200; otherwise a failure that shows it. */
        public Answer ok() {
            if (status != 200) {
                throw new AssertionError("the sandbox gateway answered " + status + ": " + body);
            }
            return this;
        }
    }

    /** The buyer pays the trade of {@code outTradeNo} (payonce's paymentId); the notification follows. */
    public Answer pay(String channel, String outTradeNo) {
        return post(tradePath(channel, outTradeNo) + "/pay", null);
    }

    /** The buyer gives up: the trade closes and its TRADE_CLOSED notification follows. */
    public Answer fail(String channel, String outTradeNo) {
        return post(tradePath(channel, outTradeNo) + "/fail", null);
    }

    /** The trade as the gateway books it, with its refunds and notifications (404 {@code trade_not_found} when none). */
    public Answer trade(String channel, String outTradeNo) {
        return send(HttpRequest.newBuilder(uri(tradePath(channel, outTradeNo))).GET());
    }

    /** The trade's JSON; fails when the gateway has none. */
    public JsonNode readTrade(String channel, String outTradeNo) {
        return trade(channel, outTradeNo).ok().json();
    }

    /** Changes the switches {@code json} names (see docs/sandbox-gateway.md) and returns them all. */
    public Answer setFaults(String channel, String json) {
        return post("/sandbox/" + segment(channel) + "/faults", json);
    }

    public Answer faults(String channel) {
        return send(HttpRequest.newBuilder(uri("/sandbox/" + segment(channel) + "/faults")).GET());
    }

    /** Resets every switch of the channel. */
    public Answer resetFaults(String channel) {
        return send(HttpRequest.newBuilder(uri("/sandbox/" + segment(channel) + "/faults")).DELETE());
    }

    private static String tradePath(String channel, String outTradeNo) {
        return "/sandbox/" + segment(channel) + "/trades/" + segment(outTradeNo);
    }

    private Answer post(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Answer send(HttpRequest.Builder request) {
        HttpAnswer response = Api.exchange(request.timeout(Duration.ofSeconds(30)).build());
        return new Answer(response.statusCode(), response.body());
    }
}
