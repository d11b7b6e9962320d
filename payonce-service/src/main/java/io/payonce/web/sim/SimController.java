package io.payonce.web.sim;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import io.payonce.channels.Rsa2Signatures;
import io.payonce.channels.sim.FaultSwitches;
import io.payonce.channels.sim.FaultUpdate;
import io.payonce.channels.sim.GatewayAmounts;
import io.payonce.channels.sim.GatewayIdentities;
import io.payonce.channels.sim.NotificationOutbox;
import io.payonce.channels.sim.SimChannel;
import io.payonce.channels.sim.SimFaults;
import io.payonce.channels.sim.SimTrades;
import io.payonce.channels.sim.Trade;
import io.payonce.channels.sim.TradeTransitions;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated gateways' own endpoints: the buyer paying or giving up, a trade as the gateway
 * sees it, the fault switches, and the public key that verifies notifications. Not part of
 * payonce's /v1 API: they stand in for Alipay's and WeChat Pay's sites.
 */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@RestController
@RequestMapping("/sim/{channel}")
class SimController {

    /** A fault-switch body is a few hundred bytes; 16 KiB leaves room for a long queue of outcomes. */
    static final int FAULTS_BODY_BYTES_MAX = 16 * 1024;

    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final GatewayIdentities identities;
    private final SimTrades trades;
    private final NotificationOutbox outbox;
    private final TradeTransitions transitions;
    private final SimFaults faults;

    SimController(GatewayIdentities identities, SimTrades trades, NotificationOutbox outbox, TradeTransitions transitions,
                  SimFaults faults) {
        this.identities = identities;
        this.trades = trades;
        this.outbox = outbox;
        this.transitions = transitions;
        this.faults = faults;
    }

    /** A trade as the gateway sees it, with its refunds and notifications. */
    record TradeView(String channel, String paymentId, String tradeNo, String orderId, String subject, long amount,
                     String currency, String status, long refundedAmount, Instant createdAt, Instant autopayAt,
                     Instant paidAt, Instant closedAt, String payUrl, List<RefundView> refunds,
                     List<NotificationOutbox.Entry> notifications) {
    }

    record RefundView(String refundId, String refundNo, long amount, String currency, Instant createdAt) {
    }

    @GetMapping("/payments/{paymentId}")
    TradeView trade(@PathVariable String channel, @PathVariable String paymentId) {
        return view(requireTrade(channel, paymentId));
    }

    /** The buyer pays at the gateway; the notification follows asynchronously. */
    @PostMapping("/payments/{paymentId}/succeed")
    TradeView succeed(@PathVariable String channel, @PathVariable String paymentId) {
        requireChannel(channel);
        return view(settled(transitions.pay(channel, paymentId), channel, paymentId));
    }

    /** The buyer gives up (the trade closes); the TRADE_CLOSED notification follows asynchronously. */
    @PostMapping("/payments/{paymentId}/fail")
    TradeView fail(@PathVariable String channel, @PathVariable String paymentId) {
        requireChannel(channel);
        return view(settled(transitions.close(channel, paymentId), channel, paymentId));
    }

    /** The payUrl of a trade: a bare page with the two buttons a buyer has. */
    @GetMapping(path = "/pay/{paymentId}", produces = MediaType.TEXT_HTML_VALUE)
    String payPage(@PathVariable String channel, @PathVariable String paymentId) {
        Trade trade = requireTrade(channel, paymentId);
        String base = "/sim/" + channel + "/payments/" + paymentId;
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>%s (simulated)</title></head><body>
                <h1>%s (simulated)</h1><p>%s</p><p>%s %s &mdash; %s</p>
                <form method="post" action="%s/succeed"><button>Pay</button></form>
                <form method="post" action="%s/fail"><button>Give up</button></form>
                </body></html>
                """.formatted(channel, channel, escape(trade.subject()), escape(trade.currency()),
                GatewayAmounts.format(trade.amount(), java.util.Currency.getInstance(trade.currency())),
                trade.status(), escape(base), escape(base));
    }

    @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    String publicKey(@PathVariable String channel) {
        return Rsa2Signatures.toPem(requireChannel(channel).keys().getPublic());
    }

    @GetMapping("/faults")
    FaultSwitches.View faults(@PathVariable String channel) {
        return switches(channel).view();
    }

    @PostMapping(path = "/faults", consumes = MediaType.APPLICATION_JSON_VALUE)
    FaultSwitches.View updateFaults(@PathVariable String channel, HttpServletRequest request) throws IOException {
        FaultSwitches switches = switches(channel);
        switches.apply(FaultUpdate.parse(readJson(request)));
        return switches.view();
    }

    @DeleteMapping("/faults")
    FaultSwitches.View resetFaults(@PathVariable String channel) {
        FaultSwitches switches = switches(channel);
        switches.reset();
        return switches.view();
    }

    private Trade settled(TradeTransitions.Result result, String channel, String paymentId) {
        return switch (result) {
            case TradeTransitions.Result.Moved(Trade trade) -> trade;
            case TradeTransitions.Result.AlreadyThere(Trade trade) -> trade;
            case TradeTransitions.Result.Refused(Trade trade) -> throw new ApiException(ErrorCode.TRADE_NOT_OPEN,
                    "Trade of payment " + paymentId + " at " + channel + " is already " + trade.status());
            case TradeTransitions.Result.NotFound notFound -> throw tradeNotFound(channel, paymentId);
        };
    }

    private TradeView view(Trade trade) {
        List<RefundView> refunds = trades.refundsOf(trade.channel(), trade.outTradeNo()).stream()
                .map(refund -> new RefundView(refund.outRequestNo(), refund.refundNo(), refund.amount(), refund.currency(), refund.createdAt()))
                .toList();
        return new TradeView(trade.channel(), trade.outTradeNo(), trade.tradeNo(), trade.orderId(), trade.subject(),
                trade.amount(), trade.currency(), trade.status().name(), trade.refundedAmount(), trade.createdAt(),
                trade.autopayAt(), trade.paidAt(), trade.closedAt(), SimChannel.payUrl(trade.channel(), trade.outTradeNo()),
                refunds, outbox.ofTrade(trade.channel(), trade.outTradeNo()));
    }

    private Trade requireTrade(String channel, String paymentId) {
        requireChannel(channel);
        return trades.find(channel, paymentId).orElseThrow(() -> tradeNotFound(channel, paymentId));
    }

    private GatewayIdentities.Identity requireChannel(String channel) {
        return identities.find(channel)
                .orElseThrow(() -> new ApiException(ErrorCode.CHANNEL_NOT_FOUND, "No simulated channel '" + channel + "'"));
    }

    private FaultSwitches switches(String channel) {
        requireChannel(channel);
        return faults.require(channel);
    }

    private static ApiException tradeNotFound(String channel, String paymentId) {
        return new ApiException(ErrorCode.PAYMENT_NOT_FOUND, "No trade for payment '" + paymentId + "' at " + channel);
    }

    private static JsonNode readJson(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > FAULTS_BODY_BYTES_MAX) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(FAULTS_BODY_BYTES_MAX + 1);
        }
        if (body.length > FAULTS_BODY_BYTES_MAX) {
            throw tooLarge();
        }
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        if (json == null || json.isMissingNode()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The body is not one JSON document (or it repeats a field)");
        }
        return json;
    }

    private static ApiException tooLarge() {
        return new ApiException(ErrorCode.INVALID_REQUEST, "The body must not exceed " + FAULTS_BODY_BYTES_MAX + " bytes");
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
