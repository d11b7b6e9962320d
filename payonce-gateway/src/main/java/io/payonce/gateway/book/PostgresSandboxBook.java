package io.payonce.gateway.book;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.payonce.gateway.config.GatewaySettings;
import io.payonce.gateway.faults.RefundFault;
import io.payonce.gateway.faults.SandboxFaults;
import io.payonce.gateway.faults.TradeFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The books in PostgreSQL: every call checks its input, asks the fault switches, then does its
 * work in one transaction of its own. Opening and refunding are idempotent per merchant number,
 * as a real gateway's are; when the books cannot be reached those two answer
 * {@code SYSTEM_ERROR}, which a client must treat as "outcome unknown", like a gateway's timeout.
 */
@Component
class PostgresSandboxBook implements SandboxBook {

    private static final Logger log = LoggerFactory.getLogger(PostgresSandboxBook.class);
    /** Alipay's out_trade_no and out_request_no: at most 64 letters, digits, '_', '-' or '.'. */
    private static final Pattern MERCHANT_NUMBER = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    /** Alipay's subject is at most 256 characters. */
    static final int SUBJECT_LENGTH_MAX = 256;
    /** Alipay's app_id is 16 digits, WeChat's mchid 10: 64 leaves room and bounds the column. */
    static final int MERCHANT_ID_LENGTH_MAX = 64;
    /** Both gateways cap notify_url at 256 characters. */
    static final int NOTIFY_URL_LENGTH_MAX = 256;
    static final int REFUND_REASON_LENGTH_MAX = 256;

    private final Trades trades;
    private final TradeTransitions transitions;
    private final SandboxFaults faults;
    private final GatewayTransactions transactions;
    private final GatewaySettings settings;

    PostgresSandboxBook(Trades trades, TradeTransitions transitions, SandboxFaults faults, GatewayTransactions transactions,
                        GatewaySettings settings) {
        this.trades = trades;
        this.transitions = transitions;
        this.faults = faults;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** True for a trade or refund number a merchant may use: 1 to 64 of {@code [A-Za-z0-9_.-]}. */
    public static boolean isMerchantNumber(String number) {
        return number != null && MERCHANT_NUMBER.matcher(number).matches();
    }

    @Override
    public Opened open(OpenRequest request) {
        Optional<String> problem = openProblem(request);
        if (problem.isPresent()) {
            return new Opened.Declined(Reason.INVALID_PARAMETER, problem.get());
        }
        ChannelSpec spec = ChannelSpec.find(request.channel()).orElseThrow();
        TradeFault fault = faults.require(spec.name()).nextTrade();
        if (fault == TradeFault.DECLINE) {
            return new Opened.Declined(Reason.DECLINED_BY_FAULT_SWITCH, "declined by the sandbox's fault switch");
        }
        long autopayMs = fault == TradeFault.PENDING ? 0 : settings.autopayMs();
        return reachBooks(() -> openTrade(spec, request, autopayMs, fault == TradeFault.TIMEOUT),
                () -> new Opened.Declined(Reason.SYSTEM_ERROR, "the gateway's books cannot be reached; the outcome is unknown"));
    }

    @Override
    public Optional<TradeView> find(String channel, String outTradeNo) {
        if (ChannelSpec.find(channel).isEmpty()) {
            return Optional.empty();
        }
        return trades.find(channel, outTradeNo).map(Trade::view);
    }

    @Override
    public Closed close(String channel, String outTradeNo) {
        if (ChannelSpec.find(channel).isEmpty()) {
            return new Closed.NotFound();
        }
        return switch (transitions.close(channel, outTradeNo)) {
            case TradeTransitions.Result.Moved(Trade trade) -> new Closed.Done(trade.view());
            case TradeTransitions.Result.AlreadyThere(Trade trade) -> new Closed.Done(trade.view());
            case TradeTransitions.Result.Refused(Trade paid) -> new Closed.AlreadyPaid(paid.view());
            case TradeTransitions.Result.NotFound notFound -> new Closed.NotFound();
        };
    }

    @Override
    public Refunded refund(RefundRequest request) {
        Optional<String> problem = refundProblem(request);
        if (problem.isPresent()) {
            return new Refunded.Declined(Reason.INVALID_PARAMETER, problem.get());
        }
        RefundFault fault = faults.require(request.channel()).nextRefund();
        if (fault == RefundFault.DECLINE) {
            return new Refunded.Declined(Reason.DECLINED_BY_FAULT_SWITCH, "declined by the sandbox's fault switch");
        }
        return reachBooks(() -> bookRefund(request, fault == RefundFault.TIMEOUT),
                () -> new Refunded.Declined(Reason.SYSTEM_ERROR, "the gateway's books cannot be reached; the outcome is unknown"));
    }

    @Override
    public Optional<RefundView> findRefund(String channel, String outRefundNo) {
        if (ChannelSpec.find(channel).isEmpty()) {
            return Optional.empty();
        }
        return trades.findRefund(channel, outRefundNo).map(Refund::view);
    }

    @Override
    public List<BillEntry> bill(String channel, LocalDate day) {
        if (ChannelSpec.find(channel).isEmpty() || day == null) {
            throw new IllegalArgumentException("A bill needs a channel the sandbox plays and a day");
        }
        return trades.bill(channel, day);
    }

    private Opened openTrade(ChannelSpec spec, OpenRequest request, long autopayMs, boolean answerLost) {
        return transactions.run(status -> {
            Optional<Trade> opened = trades.insert(spec, request, autopayMs);
            Trade trade = opened.or(() -> trades.find(spec.name(), request.outTradeNo()))
                    .orElseThrow(() -> new IllegalStateException("Trade " + request.outTradeNo() + " neither inserted nor found"));
            if (opened.isEmpty() && (trade.amount() != request.amount() || !trade.currency().equals(request.currency()))) {
                return new Opened.Declined(Reason.AMOUNT_MISMATCH,
                        "out_trade_no " + request.outTradeNo() + " already names a trade of another amount or currency");
            }
            if (trade.status() == TradeState.TRADE_CLOSED) {
                return new Opened.Declined(Reason.TRADE_CLOSED, "the trade of out_trade_no " + request.outTradeNo() + " is closed");
            }
            return new Opened.Created(trade.view(), answerLost);
        });
    }

    private Refunded bookRefund(RefundRequest request, boolean answerLost) {
        return transactions.run(status -> {
            Optional<Trade> trade = trades.find(request.channel(), request.outTradeNo());
            if (trade.isEmpty()) {
                return new Refunded.Declined(Reason.TRADE_NOT_FOUND, "no trade of out_trade_no " + request.outTradeNo());
            }
            if (!trade.get().currency().equals(request.currency())) {
                return new Refunded.Declined(Reason.INVALID_PARAMETER, "the refund's currency differs from the trade's");
            }
            Optional<Refund> booked = trades.insertRefund(request);
            if (booked.isEmpty()) {
                return repeatedRefund(request, answerLost);
            }
            if (!trades.addRefunded(request.channel(), request.outTradeNo(), request.amount())) {
                // Undo the booked refund row: no money moved, and the refund number stays free for a corrected retry.
                status.setRollbackOnly();
                return refundRefused(trade.get().status());
            }
            return new Refunded.Done(booked.get().view(), answerLost);
        });
    }

    /** Why a refund that fits no paid amount was refused; the status is the one read in the same transaction. */
    private static Refunded refundRefused(TradeState status) {
        return switch (status) {
            case WAIT_BUYER_PAY -> new Refunded.Declined(Reason.TRADE_NOT_PAID, "the trade is not paid");
            case TRADE_CLOSED -> new Refunded.Declined(Reason.TRADE_CLOSED, "the trade is closed");
            case TRADE_SUCCESS -> new Refunded.Declined(Reason.REFUND_EXCEEDS_PAID,
                    "the refund would exceed the amount paid and not yet refunded");
        };
    }

    /** A refund number seen before: the same refund answers as it did; a different one under that number is refused. */
    private Refunded repeatedRefund(RefundRequest request, boolean answerLost) {
        Refund first = trades.findRefund(request.channel(), request.outRefundNo())
                .orElseThrow(() -> new IllegalStateException("Refund " + request.outRefundNo() + " neither inserted nor found"));
        boolean same = first.outTradeNo().equals(request.outTradeNo()) && first.amount() == request.amount()
                && first.currency().equals(request.currency());
        return same ? new Refunded.Done(first.view(), answerLost)
                : new Refunded.Declined(Reason.REFUND_NO_REUSED, "out_refund_no " + request.outRefundNo() + " already names another refund");
    }

    private static Optional<String> openProblem(OpenRequest request) {
        if (ChannelSpec.find(request.channel()).isEmpty()) {
            return Optional.of("unknown channel " + request.channel());
        }
        if (!isMerchantNumber(request.outTradeNo())) {
            return Optional.of("out_trade_no must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        if (request.merchantId() == null || request.merchantId().isBlank() || request.merchantId().length() > MERCHANT_ID_LENGTH_MAX) {
            return Optional.of("a merchant id of 1 to " + MERCHANT_ID_LENGTH_MAX + " characters is required");
        }
        Optional<String> money = moneyProblem(request.amount(), request.currency());
        if (money.isPresent()) {
            return money;
        }
        if (request.subject() != null && request.subject().length() > SUBJECT_LENGTH_MAX) {
            return Optional.of("subject longer than " + SUBJECT_LENGTH_MAX + " characters");
        }
        return notifyUrlProblem(request.notifyUrl());
    }

    private static Optional<String> refundProblem(RefundRequest request) {
        if (ChannelSpec.find(request.channel()).isEmpty()) {
            return Optional.of("unknown channel " + request.channel());
        }
        if (!isMerchantNumber(request.outTradeNo()) || !isMerchantNumber(request.outRefundNo())) {
            return Optional.of("out_trade_no and out_refund_no must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        if (request.reason() != null && request.reason().length() > REFUND_REASON_LENGTH_MAX) {
            return Optional.of("refund reason longer than " + REFUND_REASON_LENGTH_MAX + " characters");
        }
        return moneyProblem(request.amount(), request.currency());
    }

    private static Optional<String> moneyProblem(long amount, String currencyCode) {
        Optional<Currency> currency = GatewayAmounts.currency(currencyCode);
        if (currency.isEmpty()) {
            return Optional.of("unsupported currency " + currencyCode);
        }
        if (!GatewayAmounts.fits(amount, currency.get())) {
            return Optional.of("the amount must be positive and at most " + GatewayAmounts.INTEGER_DIGITS_MAX + " integer digits");
        }
        return Optional.empty();
    }

    private static Optional<String> notifyUrlProblem(String notifyUrl) {
        if (notifyUrl == null) {
            return Optional.empty();
        }
        boolean http = notifyUrl.startsWith("http://") || notifyUrl.startsWith("https://");
        if (!http || notifyUrl.length() > NOTIFY_URL_LENGTH_MAX) {
            return Optional.of("notify_url must be an http(s) URL of at most " + NOTIFY_URL_LENGTH_MAX + " characters");
        }
        try {
            java.net.URI.create(notifyUrl).toURL();
            return Optional.empty();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            return Optional.of("notify_url is not a valid URL");
        }
    }

    /** The books are out of reach (database down, pool exhausted): to the caller that is a system error of unknown outcome. */
    private static <T> T reachBooks(Supplier<T> call, Supplier<T> unreachable) {
        try {
            return call.get();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Sandbox gateway's books unreachable: {}", e.toString());
            return unreachable.get();
        }
    }
}
