package io.payonce.channels.alipay;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

import com.alipay.api.AlipayClient;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.payonce.channels.PaymentChannel;
import io.payonce.channels.alipay.AlipayCalls.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay behind the {@link PaymentChannel} port, on Alipay's own Java SDK: every call signed RSA2
 * with the app's key, every answer's signature checked by the SDK under Alipay's public key. An
 * answer that never came, or whose signature fails, is {@code Unknown}: only a later query settles
 * it. Only Alipay's signed business answer ({@code 40004} with its {@code sub_code}) declines.
 */
public final class AlipayChannel implements PaymentChannel {

    public static final String NAME = "alipay";
    private static final Logger log = LoggerFactory.getLogger(AlipayChannel.class);
    /** Alipay's out_trade_no and out_request_no: at most 64 letters, digits and '_'; payonce's ids also use '-' and '.'. */
    private static final Pattern MERCHANT_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    /** Alipay's subject is at most 256 characters. */
    private static final int SUBJECT_LENGTH_MAX = 256;
    private static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";
    /** Alipay's times are Beijing time, {@code yyyy-MM-dd HH:mm:ss}. */
    static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final AlipayCalls calls;
    private final AlipayNotifications notifications;
    private final AlipayBills bills;
    private final NotifyUrl notifyUrl;

    AlipayChannel(AlipayClient client, AlipayKeys keys, AlipayBills bills, NotifyUrl notifyUrl) {
        this.calls = new AlipayCalls(client);
        this.notifications = new AlipayNotifications(keys.appId(), keys.alipayPublicKeyBase64());
        this.bills = bills;
        this.notifyUrl = notifyUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        Optional<String> problem = tradeRequestProblem(request);
        if (problem.isPresent()) {
            return new TradeOutcome.Declined(problem.get());
        }
        AlipayTradePrecreateRequest call = new AlipayTradePrecreateRequest();
        call.setBizModel(precreate(request));
        call.setNotifyUrl(notifyUrl.get());
        return switch (calls.execute(call)) {
            case Answer.Ok<AlipayTradePrecreateResponse>(var answer) when request.paymentId().equals(answer.getOutTradeNo())
                    && !blank(answer.getQrCode()) -> new TradeOutcome.Created(null, answer.getQrCode());
            case Answer.Ok<AlipayTradePrecreateResponse> other -> new TradeOutcome.Unknown("precreate answer without this trade's qr_code");
            // Paid already (a retry after a lost answer): a decline would drop a real payment; a query settles it.
            case Answer.Refused<AlipayTradePrecreateResponse> paid when paid.is("ACQ.TRADE_HAS_SUCCESS") ->
                    new TradeOutcome.Unknown("alipay ACQ.TRADE_HAS_SUCCESS: the trade is paid");
            case Answer.Refused<AlipayTradePrecreateResponse> refused when refused.retryable() ->
                    new TradeOutcome.Unknown("alipay " + refused.reason());
            case Answer.Refused<AlipayTradePrecreateResponse> refused -> new TradeOutcome.Declined("alipay " + refused.reason());
            case Answer.NoAnswer<AlipayTradePrecreateResponse>(var reason) -> new TradeOutcome.Unknown(reason);
        };
    }

    /** The precreate's biz_content for a request already checked. */
    static AlipayTradePrecreateModel precreate(TradeRequest request) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(request.paymentId());
        model.setTotalAmount(AlipayAmounts.yuan(request.amount()));
        model.setSubject(request.subject() == null || request.subject().isBlank() ? "payonce " + request.orderId() : request.subject());
        if (request.payBy() != null) {
            // The QR code dies with the order: a buyer who scans it later is not charged for an order payonce closed.
            model.setTimeExpire(ALIPAY_TIME.format(request.payBy()));
        }
        return model;
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        if (!isMerchantId(paymentId)) {
            return new TradeStatus.NotFound();
        }
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(paymentId);
        AlipayTradeQueryRequest call = new AlipayTradeQueryRequest();
        call.setBizModel(model);
        return switch (calls.execute(call)) {
            case Answer.Ok<AlipayTradeQueryResponse>(var answer) when paymentId.equals(answer.getOutTradeNo()) -> status(answer);
            case Answer.Ok<AlipayTradeQueryResponse> other -> new TradeStatus.Unknown("query answer for another out_trade_no");
            // Alipay books a precreated trade only when the buyer scans its QR code: until then the
            // trade "does not exist", yet may still be paid (until time_expire). Waiting, never
            // closed: failing the attempt here would refund a buyer who is merely slow to scan.
            case Answer.Refused<AlipayTradeQueryResponse> missing when missing.is(TRADE_NOT_EXIST) -> new TradeStatus.Waiting(null);
            case Answer.Refused<AlipayTradeQueryResponse> refused -> new TradeStatus.Unknown("alipay " + refused.reason());
            case Answer.NoAnswer<AlipayTradeQueryResponse>(var reason) -> new TradeStatus.Unknown(reason);
        };
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        if (!isMerchantId(paymentId)) {
            return new CloseOutcome.NotFound();
        }
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(paymentId);
        AlipayTradeCloseRequest call = new AlipayTradeCloseRequest();
        call.setBizModel(model);
        return switch (calls.execute(call)) {
            case Answer.Ok<?> closed -> new CloseOutcome.Closed();
            case Answer.Refused<?> missing when missing.is(TRADE_NOT_EXIST) -> new CloseOutcome.NotFound();
            // Alipay refuses to close a trade that is paid (or already closed): ask which it is.
            case Answer.Refused<?> refused when refused.is("ACQ.TRADE_STATUS_ERROR") || refused.is("ACQ.TRADE_HAS_SUCCESS") ->
                    afterRefusedClose(paymentId, refused.reason());
            case Answer.Refused<?> refused -> new CloseOutcome.Unknown("alipay " + refused.reason());
            case Answer.NoAnswer<?>(var reason) -> new CloseOutcome.Unknown(reason);
        };
    }

    private CloseOutcome afterRefusedClose(String paymentId, String reason) {
        return switch (queryTrade(paymentId)) {
            case TradeStatus.Paid paid -> new CloseOutcome.AlreadyPaid(paid.tradeNo(), paid.amount(), paid.currency());
            case TradeStatus.Closed closed -> new CloseOutcome.Closed();
            case TradeStatus.NotFound notFound -> new CloseOutcome.NotFound();
            case TradeStatus.Waiting waiting -> new CloseOutcome.Unknown("alipay " + reason + ", yet the trade waits for payment");
            case TradeStatus.Unknown unknown -> new CloseOutcome.Unknown("alipay " + reason + "; query: " + unknown.reason());
        };
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        if (!isMerchantId(request.paymentId()) || !isMerchantId(request.refundId())) {
            return new RefundOutcome.Failed("paymentId and refundId must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        if (!AlipayAmounts.CURRENCY.equals(request.currency()) || !AlipayAmounts.fits(request.amount())) {
            return new RefundOutcome.Failed("alipay refunds CNY from 0.01 to 100000000.00 only");
        }
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(request.paymentId());
        model.setOutRequestNo(request.refundId());
        model.setRefundAmount(AlipayAmounts.yuan(request.amount()));
        AlipayTradeRefundRequest call = new AlipayTradeRefundRequest();
        call.setBizModel(model);
        return switch (calls.execute(call)) {
            case Answer.Ok<AlipayTradeRefundResponse>(var answer) when request.paymentId().equals(answer.getOutTradeNo()) ->
                    new RefundOutcome.Succeeded(answer.getTradeNo());
            case Answer.Ok<AlipayTradeRefundResponse> other -> new RefundOutcome.Unknown("refund answer for another out_trade_no");
            case Answer.Refused<AlipayTradeRefundResponse> refused when refused.retryable() ->
                    new RefundOutcome.Unknown("alipay " + refused.reason());
            case Answer.Refused<AlipayTradeRefundResponse> refused -> new RefundOutcome.Failed("alipay " + refused.reason());
            case Answer.NoAnswer<AlipayTradeRefundResponse>(var reason) -> new RefundOutcome.Unknown(reason);
        };
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        if (!isMerchantId(paymentId) || !isMerchantId(refundId)) {
            return new RefundQuery.NotFound();
        }
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(paymentId);
        model.setOutRequestNo(refundId);
        AlipayTradeFastpayRefundQueryRequest call = new AlipayTradeFastpayRefundQueryRequest();
        call.setBizModel(model);
        return switch (calls.execute(call)) {
            case Answer.Ok<AlipayTradeFastpayRefundQueryResponse>(var answer) -> refundStatus(answer, refundId);
            case Answer.Refused<AlipayTradeFastpayRefundQueryResponse> missing when missing.is(TRADE_NOT_EXIST) -> new RefundQuery.NotFound();
            case Answer.Refused<AlipayTradeFastpayRefundQueryResponse> refused -> new RefundQuery.Unknown("alipay " + refused.reason());
            case Answer.NoAnswer<AlipayTradeFastpayRefundQueryResponse>(var reason) -> new RefundQuery.Unknown(reason);
        };
    }

    /**
     * Alipay answers a refund query with {@code REFUND_SUCCESS}, or with no refund fields at all when
     * it booked no refund under that number.
     */
    private static RefundQuery refundStatus(AlipayTradeFastpayRefundQueryResponse answer, String refundId) {
        if (blank(answer.getOutRequestNo()) && blank(answer.getRefundStatus())) {
            return new RefundQuery.NotFound();
        }
        if (!refundId.equals(answer.getOutRequestNo())) {
            return new RefundQuery.Unknown("refund query answer for another out_request_no");
        }
        if (!"REFUND_SUCCESS".equals(answer.getRefundStatus())) {
            return new RefundQuery.Processing();
        }
        return AlipayAmounts.fen(answer.getRefundAmount())
                .<RefundQuery>map(fen -> new RefundQuery.Succeeded(answer.getTradeNo(), fen))
                .orElseGet(() -> new RefundQuery.Unknown("refund_amount is not an amount in yuan"));
    }

    @Override
    public BillDownload downloadBill(LocalDate day) {
        AlipayDataDataserviceBillDownloadurlQueryModel model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType("trade");
        model.setBillDate(day.toString());
        AlipayDataDataserviceBillDownloadurlQueryRequest call = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        call.setBizModel(model);
        return switch (calls.execute(call)) {
            case Answer.Ok<AlipayDataDataserviceBillDownloadurlQueryResponse>(var answer) -> bills.fetch(answer.getBillDownloadUrl());
            case Answer.Refused<AlipayDataDataserviceBillDownloadurlQueryResponse> none when none.is("isp.bill_not_exist") ->
                    new BillDownload.NotAvailable("alipay has no bill of " + day);
            case Answer.Refused<AlipayDataDataserviceBillDownloadurlQueryResponse> refused ->
                    new BillDownload.Unknown("alipay " + refused.reason());
            case Answer.NoAnswer<AlipayDataDataserviceBillDownloadurlQueryResponse>(var reason) -> new BillDownload.Unknown(reason);
        };
    }

    @Override
    public Notification parseNotification(InboundNotification inbound) {
        try {
            return notifications.parse(inbound.body());
        } catch (RuntimeException e) {
            // The port promises never to throw for bad input; a parser bug must not become a 500 either.
            log.warn("Unreadable alipay notification: {}", e.getClass().getSimpleName());
            return new Notification.Invalid("unreadable notification");
        }
    }

    /** Alipay stops resending only on the exact body {@code success}. */
    @Override
    public NotificationReply reply(boolean accepted) {
        return new NotificationReply(accepted ? 200 : 400, "text/plain", accepted ? "success" : "fail");
    }

    private static TradeStatus status(AlipayTradeQueryResponse answer) {
        String tradeNo = answer.getTradeNo();
        return switch (answer.getTradeStatus() == null ? "" : answer.getTradeStatus()) {
            case "WAIT_BUYER_PAY" -> new TradeStatus.Waiting(tradeNo);
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> AlipayAmounts.fen(answer.getTotalAmount())
                    .<TradeStatus>map(fen -> new TradeStatus.Paid(tradeNo, fen, AlipayAmounts.CURRENCY))
                    .orElseGet(() -> new TradeStatus.Unknown("total_amount is not an amount in yuan"));
            case "TRADE_CLOSED" -> new TradeStatus.Closed(tradeNo);
            default -> new TradeStatus.Unknown("unknown trade_status");
        };
    }

    private static Optional<String> tradeRequestProblem(TradeRequest request) {
        if (!isMerchantId(request.paymentId())) {
            return Optional.of("out_trade_no must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        if (!AlipayAmounts.CURRENCY.equals(request.currency())) {
            return Optional.of("alipay takes CNY only, got " + request.currency());
        }
        if (!AlipayAmounts.fits(request.amount())) {
            return Optional.of("total_amount must be from 0.01 to 100000000.00 yuan");
        }
        if (request.subject() != null && request.subject().length() > SUBJECT_LENGTH_MAX) {
            return Optional.of("subject longer than " + SUBJECT_LENGTH_MAX + " characters");
        }
        return Optional.empty();
    }

    static boolean isMerchantId(String id) {
        return id != null && MERCHANT_ID.matcher(id).matches();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
