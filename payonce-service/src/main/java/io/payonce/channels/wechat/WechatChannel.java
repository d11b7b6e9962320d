package io.payonce.channels.wechat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.payonce.channels.PaymentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay v3 behind the {@link PaymentChannel} port, on the official SDK: native pay (the
 * buyer scans {@code code_url}), query and close by out_trade_no (payonce's paymentId), refund
 * and refund query by out_refund_no (payonce's refundId). Amounts are fen, CNY only.
 *
 * <p>Every call has a timeout. No answer, a timeout, an answer whose signature fails, or a 5xx
 * or 429 is an unknown outcome, never a refusal: only WeChat Pay's own signed word declines.
 */
public final class WechatChannel implements PaymentChannel {

    /** WeChat Pay's times: RFC 3339 at Beijing time's offset. */
    static final DateTimeFormatter WECHAT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    static final String NAME = "wechat";
    static final String CNY = "CNY";
    private static final Logger log = LoggerFactory.getLogger(WechatChannel.class);
    /** WeChat Pay's out_trade_no: 6 to 32 of these (payonce's paymentIds are 30). */
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    /** WeChat Pay's out_refund_no: 1 to 64 of these. */
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    /** WeChat Pay's description is at most 127 characters. */
    private static final int DESCRIPTION_LENGTH_MAX = 127;

    private final NativePayService pay;
    private final RefundService refunds;
    private final WechatNotifications notifications;
    private final WechatProperties properties;
    private final NotifyUrl notifyUrl;

    WechatChannel(NativePayService pay, RefundService refunds, WechatNotifications notifications, WechatProperties properties,
                  NotifyUrl notifyUrl) {
        this.pay = pay;
        this.refunds = refunds;
        this.notifications = notifications;
        this.properties = properties;
        this.notifyUrl = notifyUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        if (!CNY.equals(request.currency()) || request.amount() <= 0 || request.amount() > Integer.MAX_VALUE) {
            return new TradeOutcome.Declined("WeChat Pay native collects 1 to " + Integer.MAX_VALUE + " fen in CNY only");
        }
        if (request.paymentId() == null || !OUT_TRADE_NO.matcher(request.paymentId()).matches()) {
            return new TradeOutcome.Declined("paymentId is not a WeChat Pay out_trade_no (6 to 32 letters, digits, _-|*)");
        }
        String url = notifyUrl.current().orElse(null);
        if (url == null) {
            log.warn("WeChat Pay prepay of {} declined before sending: the notify-url's port is not known yet", request.paymentId());
            return new TradeOutcome.Declined("the notify-url's port is not known yet: this server is not listening");
        }
        PrepayRequest prepay = new PrepayRequest();
        prepay.setAppid(properties.appId());
        prepay.setMchid(properties.mchId());
        prepay.setDescription(description(request));
        prepay.setOutTradeNo(request.paymentId());
        prepay.setNotifyUrl(url);
        if (request.payBy() != null) {
            // The code_url dies with the order: no charge after payonce closed it.
            prepay.setTimeExpire(WECHAT_TIME.format(request.payBy()));
        }
        Amount amount = new Amount();
        amount.setTotal((int) request.amount());
        amount.setCurrency(CNY);
        prepay.setAmount(amount);
        return call("prepay", () -> created(pay.prepay(prepay).getCodeUrl()), WechatChannel::prepayRefused, TradeOutcome.Unknown::new);
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setOutTradeNo(paymentId);
        query.setMchid(properties.mchId());
        return call("query", () -> status(pay.queryOrderByOutTradeNo(query), paymentId),
                refused -> refused.getHttpStatusCode() == 404 && "ORDER_NOT_EXIST".equals(refused.getErrorCode())
                        ? new TradeStatus.NotFound()
                        : new TradeStatus.Unknown("query refused: " + refused.getErrorCode()),
                TradeStatus.Unknown::new);
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        CloseOrderRequest close = new CloseOrderRequest();
        close.setOutTradeNo(paymentId);
        close.setMchid(properties.mchId());
        return call("close", () -> {
            pay.closeOrder(close);
            return new CloseOutcome.Closed();
        }, refused -> switch (String.valueOf(refused.getErrorCode())) {
            case "ORDERPAID" -> paidBeforeClose(paymentId);
            case "ORDERCLOSED" -> new CloseOutcome.Closed();
            case "ORDER_NOT_EXIST" -> new CloseOutcome.NotFound();
            // Any other refusal leaves the trade payable for all we know.
            default -> new CloseOutcome.Unknown("close refused: " + refused.getErrorCode());
        }, CloseOutcome.Unknown::new);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        if (!CNY.equals(request.currency()) || request.amount() <= 0) {
            return new RefundOutcome.Failed("WeChat Pay refunds a positive amount of fen in CNY only");
        }
        if (request.refundId() == null || !OUT_REFUND_NO.matcher(request.refundId()).matches()) {
            return new RefundOutcome.Failed("refundId is not a WeChat Pay out_refund_no");
        }
        // WeChat Pay wants the order's total with every refund; the port does not carry it, so it
        // is asked first. Nothing has been sent when this query fails.
        return switch (queryTrade(request.paymentId())) {
            case TradeStatus.Paid paid -> createRefund(request, paid.amount());
            case TradeStatus.NotFound notFound -> new RefundOutcome.Failed("ORDER_NOT_EXIST: no trade to refund");
            case TradeStatus.Waiting waiting -> new RefundOutcome.Failed("the trade is not paid");
            case TradeStatus.Closed closed -> new RefundOutcome.Failed("the trade is closed");
            case TradeStatus.Unknown unknown -> new RefundOutcome.Unknown("order total unknown, no refund sent: " + unknown.reason());
        };
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setOutRefundNo(refundId);
        return call("refund query", () -> refundQuery(refunds.queryByOutRefundNo(query), paymentId, refundId),
                refused -> refused.getHttpStatusCode() == 404 && "RESOURCE_NOT_EXISTS".equals(refused.getErrorCode())
                        ? new RefundQuery.NotFound()
                        : new RefundQuery.Unknown("refund query refused: " + refused.getErrorCode()),
                RefundQuery.Unknown::new);
    }

    @Override
    public Notification parseNotification(InboundNotification inbound) {
        return notifications.parse(inbound);
    }

    /** WeChat Pay stops resending on 200 or 204; a refusal is a 4xx with {@code {"code":"FAIL",...}}. */
    @Override
    public NotificationReply reply(boolean accepted) {
        return accepted
                ? new NotificationReply(204, "application/json", "")
                : new NotificationReply(400, "application/json", "{\"code\":\"FAIL\",\"message\":\"notification refused\"}");
    }

    private RefundOutcome createRefund(RefundRequest request, long total) {
        CreateRequest create = new CreateRequest();
        create.setOutTradeNo(request.paymentId());
        create.setOutRefundNo(request.refundId());
        AmountReq amount = new AmountReq();
        amount.setRefund(request.amount());
        amount.setTotal(total);
        amount.setCurrency(CNY);
        create.setAmount(amount);
        return call("refund", () -> refundOutcome(refunds.create(create), request.refundId()),
                refused -> new RefundOutcome.Failed(refused.getErrorCode() + ": " + refused.getErrorMessage()),
                RefundOutcome.Unknown::new);
    }

    private CloseOutcome paidBeforeClose(String paymentId) {
        return switch (queryTrade(paymentId)) {
            case TradeStatus.Paid paid -> new CloseOutcome.AlreadyPaid(paid.tradeNo(), paid.amount(), paid.currency());
            case TradeStatus.Unknown unknown -> new CloseOutcome.Unknown("ORDERPAID, then " + unknown.reason());
            default -> new CloseOutcome.Unknown("ORDERPAID, but the query says otherwise");
        };
    }

    private static TradeOutcome created(String codeUrl) {
        // Native pay names no transaction_id before the buyer pays: the trade number comes with the payment.
        return codeUrl == null || codeUrl.isBlank() ? new TradeOutcome.Unknown("prepay answered without code_url")
                : new TradeOutcome.Created(null, codeUrl);
    }

    private static TradeOutcome prepayRefused(ServiceException refused) {
        // A repeated prepay of a trade the buyer has paid: the payment is settled by a query, not declined.
        return "ORDERPAID".equals(refused.getErrorCode())
                ? new TradeOutcome.Unknown("ORDERPAID: the trade is paid; a query settles it")
                : new TradeOutcome.Declined(refused.getErrorCode() + ": " + refused.getErrorMessage());
    }

    private TradeStatus status(Transaction transaction, String paymentId) {
        if (!paymentId.equals(transaction.getOutTradeNo()) || !properties.mchId().equals(transaction.getMchid())) {
            return new TradeStatus.Unknown("the answer names another trade or merchant");
        }
        Transaction.TradeStateEnum state = transaction.getTradeState();
        if (state == null) {
            return new TradeStatus.Unknown("the answer has no trade_state WeChat Pay documents");
        }
        return switch (state) {
            // REFUND: paid, then refunded in part or whole; the payment itself happened.
            case SUCCESS, REFUND -> paid(transaction);
            case CLOSED, REVOKED -> new TradeStatus.Closed(transaction.getTransactionId());
            // PAYERROR and ACCEPT are not final: the buyer may still pay, so the trade is still open.
            case NOTPAY, USERPAYING, ACCEPT, PAYERROR -> new TradeStatus.Waiting(transaction.getTransactionId());
        };
    }

    private static TradeStatus paid(Transaction transaction) {
        if (transaction.getTransactionId() == null || transaction.getAmount() == null || transaction.getAmount().getTotal() == null) {
            return new TradeStatus.Unknown("a paid trade without transaction_id or amount");
        }
        String currency = transaction.getAmount().getCurrency() == null ? CNY : transaction.getAmount().getCurrency();
        return new TradeStatus.Paid(transaction.getTransactionId(), transaction.getAmount().getTotal().longValue(), currency);
    }

    private static RefundOutcome refundOutcome(Refund refund, String refundId) {
        if (!refundId.equals(refund.getOutRefundNo()) || refund.getStatus() == null) {
            return new RefundOutcome.Unknown("the refund answer names another refund or no status");
        }
        return switch (refund.getStatus()) {
            case SUCCESS -> new RefundOutcome.Succeeded(refund.getRefundId());
            // Accepted, money not yet moved: PROCESSING may still end CLOSED or ABNORMAL, so it is
            // not a success until a refund query says SUCCESS.
            case PROCESSING -> new RefundOutcome.Unknown("PROCESSING: accepted by WeChat Pay; a refund query settles it");
            case CLOSED, ABNORMAL -> new RefundOutcome.Failed(refund.getStatus().name());
        };
    }

    private static RefundQuery refundQuery(Refund refund, String paymentId, String refundId) {
        if (!refundId.equals(refund.getOutRefundNo()) || !paymentId.equals(refund.getOutTradeNo()) || refund.getStatus() == null) {
            return new RefundQuery.Unknown("the answer names another refund or trade, or no status");
        }
        return switch (refund.getStatus()) {
            case SUCCESS -> refund.getAmount() == null || refund.getAmount().getRefund() == null
                    ? new RefundQuery.Unknown("a successful refund without its amount")
                    : new RefundQuery.Succeeded(refund.getRefundId(), refund.getAmount().getRefund());
            case PROCESSING -> new RefundQuery.Processing();
            case CLOSED, ABNORMAL -> new RefundQuery.Failed(refund.getStatus().name());
        };
    }

    private String description(TradeRequest request) {
        String text = request.subject() == null || request.subject().isBlank() ? "payonce order " + request.orderId() : request.subject();
        return text.codePointCount(0, text.length()) <= DESCRIPTION_LENGTH_MAX ? text
                : text.substring(0, text.offsetByCodePoints(0, DESCRIPTION_LENGTH_MAX));
    }

    /**
     * One SDK call: its answer mapped, WeChat Pay's signed refusal ({@link ServiceException}, 4xx)
     * mapped by the caller, and everything else (no answer, 5xx, 429, a bad signature, an answer
     * the SDK cannot read) an unknown outcome. Never throws.
     */
    private <T> T call(String what, Supplier<T> call, Function<ServiceException, T> refused, Function<String, T> unknown) {
        try {
            return call.get();
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() >= 500 || e.getHttpStatusCode() == 429 || e.getErrorCode() == null) {
                log.warn("WeChat Pay {} answered {} {}: outcome unknown", what, e.getHttpStatusCode(), e.getErrorCode());
                return unknown.apply(what + ": WeChat Pay answered " + e.getHttpStatusCode() + " " + e.getErrorCode());
            }
            log.info("WeChat Pay {} refused: {} {}", what, e.getHttpStatusCode(), e.getErrorCode());
            return refused.apply(e);
        } catch (RuntimeException e) {
            // The SDK's exceptions quote requests and answers; their class says what happened.
            log.warn("WeChat Pay {} has no trustworthy answer: {}", what, describe(e));
            return unknown.apply(what + ": " + describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        return switch (e) {
            case HttpException http -> "no answer (" + (http.getCause() == null ? "transport" : http.getCause().getClass().getSimpleName()) + ")";
            case ValidationException invalid -> "the answer's signature does not verify";
            default -> "unreadable answer (" + e.getClass().getSimpleName() + ")";
        };
    }
}
