package io.payonce.gateway.wechat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.Closed;
import io.payonce.gateway.book.SandboxBook.Opened;
import io.payonce.gateway.book.SandboxBook.Reason;
import io.payonce.gateway.book.SandboxBook.Refunded;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.web.PayPage;
import tools.jackson.databind.JsonNode;

/**
 * The WeChat Pay v3 calls payonce's adapter makes (native prepay, query and close by
 * out_trade_no, refund and refund query by out_refund_no), answered from the {@link SandboxBook}
 * in WeChat Pay's wire format: the merchant's signature checked first, every answer signed,
 * refusals as {@code {"code":..,"message":..}} with WeChat Pay's statuses.
 */
public final class WechatV3Api {

    static final String CHANNEL = "wechat";
    /** WeChat Pay's out_trade_no: 6 to 32 of these. */
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    /** WeChat Pay's out_refund_no: 1 to 64 of these. */
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    private static final Pattern DESCRIPTION = Pattern.compile("(?s).{1,127}");
    private static final Pattern NOTIFY_URL = Pattern.compile("https?://[^\\s]{1,248}");
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_]{1,32}");
    private static final int REASON_LENGTH_MAX = 80;

    private static final Pattern PREPAY = Pattern.compile("/v3/pay/transactions/native");
    private static final Pattern TRADE = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)");
    private static final Pattern CLOSE = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)/close");
    private static final Pattern REFUNDS = Pattern.compile("/v3/refund/domestic/refunds");
    private static final Pattern REFUND = Pattern.compile("/v3/refund/domestic/refunds/([^/]+)");

    private final SandboxBook book;
    private final SandboxKeys keys;
    private final MerchantSignatures merchants;
    private final PlatformSigner platform;

    public WechatV3Api(SandboxBook book, SandboxKeys keys, Clock clock) {
        this.book = book;
        this.keys = keys;
        this.merchants = new MerchantSignatures(keys, clock);
        this.platform = new PlatformSigner(keys, clock);
    }

    /**
     * Answers one call. Throws {@link AnswerLost} when the book carried the call out under the
     * timeout fault: the web layer then holds the connection and drops it.
     */
    public WechatAnswer handle(WechatCall call) {
        try {
            Route route = route(call).orElseThrow(() -> new WechatError(404, "NOT_FOUND", "no such API: " + call.method() + " " + call.rawPath()));
            Optional<String> refused = merchants.refusal(call);
            if (refused.isPresent()) {
                return error(new WechatError(401, "SIGN_ERROR", refused.get()));
            }
            return route.handler().apply(call, route.id());
        } catch (WechatError e) {
            return error(e);
        }
    }

    private record Route(java.util.function.BiFunction<WechatCall, String, WechatAnswer> handler, String id) {
    }

    private Optional<Route> route(WechatCall call) {
        String path = call.rawPath();
        boolean post = "POST".equals(call.method());
        boolean get = "GET".equals(call.method());
        Matcher matcher;
        if (post && PREPAY.matcher(path).matches()) {
            return Optional.of(new Route((c, id) -> prepay(c), null));
        }
        if (get && (matcher = TRADE.matcher(path)).matches()) {
            return Optional.of(new Route(this::query, pathId(matcher.group(1), OUT_TRADE_NO)));
        }
        if (post && (matcher = CLOSE.matcher(path)).matches()) {
            return Optional.of(new Route(this::close, pathId(matcher.group(1), OUT_TRADE_NO)));
        }
        if (post && REFUNDS.matcher(path).matches()) {
            return Optional.of(new Route((c, id) -> refund(c), null));
        }
        if (get && (matcher = REFUND.matcher(path)).matches()) {
            return Optional.of(new Route(this::queryRefund, pathId(matcher.group(1), OUT_REFUND_NO)));
        }
        return Optional.empty();
    }

    private WechatAnswer prepay(WechatCall call) {
        JsonNode body = RequestFields.object(call.body());
        requireOwnIds(RequestFields.text(body, "appid", ID), RequestFields.text(body, "mchid", ID));
        String description = RequestFields.text(body, "description", DESCRIPTION);
        String outTradeNo = RequestFields.text(body, "out_trade_no", OUT_TRADE_NO);
        String notifyUrl = RequestFields.text(body, "notify_url", NOTIFY_URL);
        JsonNode amount = RequestFields.object(body, "amount");
        long total = RequestFields.amount(amount, "total");
        RequestFields.currency(amount);
        Opened opened = book.open(new SandboxBook.OpenRequest(CHANNEL, keys.wechatMchId(), outTradeNo, total, WechatResources.CNY,
                description, notifyUrl));
        return switch (opened) {
            case Opened.Created created when created.answerLost() -> throw new AnswerLost("wechat prepay " + outTradeNo);
            case Opened.Created created when created.trade().status() == TradeState.TRADE_SUCCESS ->
                    error(new WechatError(400, "ORDERPAID", "该订单已支付"));
            case Opened.Created created when created.trade().status() == TradeState.TRADE_CLOSED ->
                    error(new WechatError(400, "ORDERCLOSED", "订单已关闭"));
            case Opened.Created created -> ok(Map.of("code_url", PayPage.url(call.origin(), CHANNEL, outTradeNo)));
            case Opened.Declined declined -> error(tradeRefusal(declined.reason(), declined.message()));
        };
    }

    private WechatAnswer query(WechatCall call, String outTradeNo) {
        requireOwnMerchant(queryParameter(call, "mchid"));
        return book.find(CHANNEL, outTradeNo)
                .map(trade -> ok(WechatResources.transaction(trade, keys)))
                .orElseGet(() -> error(new WechatError(404, "ORDER_NOT_EXIST", "订单不存在")));
    }

    private WechatAnswer close(WechatCall call, String outTradeNo) {
        requireOwnMerchant(RequestFields.text(RequestFields.object(call.body()), "mchid", ID));
        return switch (book.close(CHANNEL, outTradeNo)) {
            case Closed.Done done -> platform.answer(204, "");
            case Closed.AlreadyPaid paid -> error(new WechatError(400, "ORDERPAID", "订单已支付"));
            case Closed.NotFound notFound -> error(new WechatError(404, "ORDER_NOT_EXIST", "订单不存在"));
        };
    }

    private WechatAnswer refund(WechatCall call) {
        JsonNode body = RequestFields.object(call.body());
        if (body.get("out_trade_no") == null) {
            throw WechatError.param("out_trade_no is required: the sandbox finds trades by out_trade_no only");
        }
        String outTradeNo = RequestFields.text(body, "out_trade_no", OUT_TRADE_NO);
        String outRefundNo = RequestFields.text(body, "out_refund_no", OUT_REFUND_NO);
        String reason = RequestFields.optionalText(body, "reason", REASON_LENGTH_MAX);
        JsonNode amount = RequestFields.object(body, "amount");
        long refund = RequestFields.amount(amount, "refund");
        long total = RequestFields.amount(amount, "total");
        RequestFields.currency(amount);
        TradeView trade = book.find(CHANNEL, outTradeNo).orElseThrow(() -> new WechatError(404, "RESOURCE_NOT_EXISTS", "订单不存在"));
        if (trade.amount() != total) {
            throw WechatError.param("amount.total is not the order's total");
        }
        Refunded refunded = book.refund(new SandboxBook.RefundRequest(CHANNEL, outTradeNo, outRefundNo, refund, WechatResources.CNY, reason));
        return switch (refunded) {
            case Refunded.Done done when done.answerLost() -> throw new AnswerLost("wechat refund " + outRefundNo);
            case Refunded.Done done -> ok(WechatResources.refund(done.refund(), book.find(CHANNEL, outTradeNo).orElse(trade)));
            case Refunded.Declined declined -> error(refundRefusal(declined.reason(), declined.message()));
        };
    }

    private WechatAnswer queryRefund(WechatCall call, String outRefundNo) {
        return book.findRefund(CHANNEL, outRefundNo)
                .flatMap(refund -> book.find(CHANNEL, refund.outTradeNo()).map(trade -> WechatResources.refund(refund, trade)))
                .map(this::ok)
                .orElseGet(() -> error(new WechatError(404, "RESOURCE_NOT_EXISTS", "退款单不存在")));
    }

    private static WechatError tradeRefusal(Reason reason, String message) {
        return switch (reason) {
            case TRADE_CLOSED -> new WechatError(400, "ORDERCLOSED", "订单已关闭");
            // WeChat Pay's answer to an out_trade_no reused with other parameters.
            case AMOUNT_MISMATCH -> new WechatError(400, "INVALID_REQUEST", "201 商户订单号重复: " + message);
            case DECLINED_BY_FAULT_SWITCH -> new WechatError(403, "TRADE_ERROR", "交易错误 (sandbox fault switch)");
            case SYSTEM_ERROR -> new WechatError(500, "SYSTEM_ERROR", "系统错误");
            default -> WechatError.param(message);
        };
    }

    private static WechatError refundRefusal(Reason reason, String message) {
        return switch (reason) {
            case TRADE_NOT_FOUND -> new WechatError(404, "RESOURCE_NOT_EXISTS", "订单不存在");
            case TRADE_CLOSED, TRADE_NOT_PAID, REFUND_EXCEEDS_PAID, REFUND_NO_REUSED, AMOUNT_MISMATCH ->
                    new WechatError(400, "INVALID_REQUEST", message);
            // The refusal WeChat Pay gives a refund it cannot make now (the merchant's balance).
            case DECLINED_BY_FAULT_SWITCH -> new WechatError(403, "NOT_ENOUGH", "余额不足 (sandbox fault switch)");
            case SYSTEM_ERROR -> new WechatError(500, "SYSTEM_ERROR", "系统错误");
            case INVALID_PARAMETER -> WechatError.param(message);
        };
    }

    private void requireOwnIds(String appId, String mchId) {
        if (!keys.wechatAppId().equals(appId)) {
            throw new WechatError(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
        }
        requireOwnMerchant(mchId);
    }

    /** The merchant named in the call is the one whose signature was checked. */
    private void requireOwnMerchant(String mchId) {
        if (!keys.wechatMchId().equals(mchId)) {
            throw WechatError.param("mchid is missing or is not the merchant that signed the request");
        }
    }

    private static String queryParameter(WechatCall call, String name) {
        if (call.rawQuery() == null) {
            return null;
        }
        for (String pair : call.rawQuery().split("&", 16)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                return decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private WechatAnswer ok(Map<String, Object> json) {
        return platform.answer(200, RequestFields.json(json));
    }

    private WechatAnswer error(WechatError error) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("code", error.code());
        json.put("message", error.getMessage());
        return platform.answer(error.status(), RequestFields.json(json));
    }

    private static String pathId(String raw, Pattern shape) {
        String id = decode(raw);
        if (!shape.matcher(id).matches()) {
            throw WechatError.param("the number in the URL must match " + shape.pattern());
        }
        return id;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw WechatError.param("malformed percent-encoding in the URL");
        }
    }
}
