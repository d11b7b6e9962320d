package io.payonce.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.payonce.gateway.book.ChannelSpec;
import io.payonce.gateway.book.NotificationOutbox;
import io.payonce.gateway.book.Refund;
import io.payonce.gateway.book.Trade;
import io.payonce.gateway.book.TradeTransitions;
import io.payonce.gateway.book.Trades;
import io.payonce.gateway.faults.FaultSwitches;
import io.payonce.gateway.faults.FaultUpdate;
import io.payonce.gateway.faults.SandboxFaults;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's own control API, which no real gateway has: a trade as the gateway sees it, the
 * buyer paying or giving up, and the fault switches. It plays the buyer's and the test
 * harness's side, so it needs no credential: never expose it where real money is involved.
 */
@RestController
@RequestMapping("/sandbox/{channel}")
class ControlController {

    /** A fault-switch body is a few hundred bytes; 16 KiB leaves room for a long queue of outcomes. */
    static final int FAULTS_BODY_BYTES_MAX = 16 * 1024;

    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Trades trades;
    private final NotificationOutbox outbox;
    private final TradeTransitions transitions;
    private final SandboxFaults faults;

    ControlController(Trades trades, NotificationOutbox outbox, TradeTransitions transitions, SandboxFaults faults) {
        this.trades = trades;
        this.outbox = outbox;
        this.transitions = transitions;
        this.faults = faults;
    }

    /** A trade as the gateway sees it, with its refunds and notifications. */
    record TradeView(String channel, String outTradeNo, String tradeNo, String merchantId, String subject, long amount,
                     String currency, String status, long refundedAmount, String notifyUrl, Instant createdAt,
                     Instant autopayAt, Instant paidAt, Instant closedAt, String payUrl, List<RefundView> refunds,
                     List<NotificationOutbox.Entry> notifications) {
    }

    record RefundView(String outRefundNo, String refundNo, long amount, String currency, String reason, Instant createdAt) {
    }

    @GetMapping("/trades/{outTradeNo}")
    TradeView trade(@PathVariable String channel, @PathVariable String outTradeNo) {
        return view(requireTrade(channel, outTradeNo));
    }

    /** The buyer pays; the notification follows asynchronously. A browser's form is sent back to the pay page. */
    @PostMapping("/trades/{outTradeNo}/pay")
    ResponseEntity<TradeView> pay(@PathVariable String channel, @PathVariable String outTradeNo, HttpServletRequest request) {
        requireChannel(channel);
        return answer(settled(transitions.pay(channel, outTradeNo), channel, outTradeNo), request);
    }

    /** The buyer gives up (the trade closes); the TRADE_CLOSED notification follows asynchronously. */
    @PostMapping("/trades/{outTradeNo}/fail")
    ResponseEntity<TradeView> fail(@PathVariable String channel, @PathVariable String outTradeNo, HttpServletRequest request) {
        requireChannel(channel);
        return answer(settled(transitions.close(channel, outTradeNo), channel, outTradeNo), request);
    }

    /** The pay URL the protocols hand out: the buyer's page. */
    @GetMapping(path = "/pay/{outTradeNo}", produces = MediaType.TEXT_HTML_VALUE)
    String payPage(@PathVariable String channel, @PathVariable String outTradeNo,
                   @RequestParam(name = "return_url", required = false) String returnUrl) {
        return PayPage.html(requireTrade(channel, outTradeNo), PayPage.returnUrl(returnUrl));
    }

    @GetMapping("/faults")
    FaultSwitches.View faults(@PathVariable String channel) {
        return switches(channel).view();
    }

    @PostMapping("/faults")
    FaultSwitches.View updateFaults(@PathVariable String channel, HttpServletRequest request) throws IOException {
        FaultSwitches switches = switches(channel);
        if (!isJson(request.getContentType())) {
            throw new ControlRefusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "The body must be application/json");
        }
        switches.apply(FaultUpdate.parse(readJson(request)));
        return switches.view();
    }

    @DeleteMapping("/faults")
    FaultSwitches.View resetFaults(@PathVariable String channel) {
        FaultSwitches switches = switches(channel);
        switches.reset();
        return switches.view();
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<TradeView> answer(TradeView trade, HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            // A pay page opened with the shop's return link sends the buyer back to the shop, as Alipay's page payments do.
            String back = PayPage.returnUrl(request.getParameter("return_url"));
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(back != null ? back : trade.payUrl())).build();
        }
        return ResponseEntity.ok(trade);
    }

    private TradeView settled(TradeTransitions.Result result, String channel, String outTradeNo) {
        return switch (result) {
            case TradeTransitions.Result.Moved(Trade trade) -> view(trade);
            case TradeTransitions.Result.AlreadyThere(Trade trade) -> view(trade);
            case TradeTransitions.Result.Refused(Trade trade) -> throw new ControlRefusal(HttpStatus.CONFLICT, "trade_not_open",
                    "The " + channel + " trade '" + outTradeNo + "' is already " + trade.status());
            case TradeTransitions.Result.NotFound notFound -> throw ControlRefusal.tradeNotFound(channel, outTradeNo);
        };
    }

    private TradeView view(Trade trade) {
        List<RefundView> refunds = trades.refundsOf(trade.channel(), trade.outTradeNo()).stream()
                .map(ControlController::refundView).toList();
        return new TradeView(trade.channel(), trade.outTradeNo(), trade.tradeNo(), trade.merchantId(), trade.subject(),
                trade.amount(), trade.currency(), trade.status().name(), trade.refundedAmount(), trade.notifyUrl(),
                trade.createdAt(), trade.autopayAt(), trade.paidAt(), trade.closedAt(),
                PayPage.path(trade.channel(), trade.outTradeNo()), refunds, outbox.ofTrade(trade.channel(), trade.outTradeNo()));
    }

    private static RefundView refundView(Refund refund) {
        return new RefundView(refund.outRefundNo(), refund.refundNo(), refund.amount(), refund.currency(), refund.reason(),
                refund.createdAt());
    }

    private Trade requireTrade(String channel, String outTradeNo) {
        requireChannel(channel);
        return trades.find(channel, outTradeNo).orElseThrow(() -> ControlRefusal.tradeNotFound(channel, outTradeNo));
    }

    private static void requireChannel(String channel) {
        if (ChannelSpec.find(channel).isEmpty()) {
            throw ControlRefusal.channelNotFound(channel);
        }
    }

    private FaultSwitches switches(String channel) {
        requireChannel(channel);
        return faults.require(channel);
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
            throw new ControlRefusal(HttpStatus.BAD_REQUEST, "malformed_json", "The body is not one JSON document (or it repeats a field)");
        }
        return json;
    }

    private static ControlRefusal tooLarge() {
        return new ControlRefusal(HttpStatus.BAD_REQUEST, "invalid_request", "The body must not exceed " + FAULTS_BODY_BYTES_MAX + " bytes");
    }
}
