package io.payonce.channels.sim;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.payonce.channels.PaymentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * A simulated Alipay or WeChat Pay behind the {@link PaymentChannel} port. Its answers are the
 * gateway's: idempotent per paymentId and refundId, a timeout ({@code Unknown}) when its own
 * books cannot be reached, and whatever the fault switches ask for.
 */
public final class SimChannel implements PaymentChannel {

    private static final Logger log = LoggerFactory.getLogger(SimChannel.class);
    /** Alipay's out_trade_no and out_request_no: at most 64 letters, digits, '_', '-' or '.'. */
    private static final Pattern MERCHANT_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    /** Alipay's subject is at most 256 characters. */
    private static final int SUBJECT_LENGTH_MAX = 256;

    private final GatewayIdentities.Identity identity;
    private final SimTrades trades;
    private final TradeTransitions transitions;
    private final SimFaults faults;
    private final GatewayTransactions transactions;
    private final SimProperties properties;

    SimChannel(GatewayIdentities.Identity identity, SimTrades trades, TradeTransitions transitions, SimFaults faults,
               GatewayTransactions transactions, SimProperties properties) {
        this.identity = identity;
        this.trades = trades;
        this.transitions = transitions;
        this.faults = faults;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Override
    public String name() {
        return identity.spec().name();
    }

    /** Where the buyer pays: a tiny page of the simulator's own. */
    public static String payUrl(String channel, String paymentId) {
        return "/sim/" + channel + "/pay/" + paymentId;
    }

    static boolean isMerchantId(String id) {
        return id != null && MERCHANT_ID.matcher(id).matches();
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        Optional<String> problem = tradeRequestProblem(request);
        if (problem.isPresent()) {
            return new TradeOutcome.Declined(problem.get());
        }
        TradeFault fault = faults.require(name()).nextTrade();
        if (fault == TradeFault.DECLINE) {
            return new TradeOutcome.Declined("declined by the simulator's fault switch");
        }
        TradeOutcome outcome = reachGateway(() -> openTrade(request, fault == TradeFault.PENDING ? 0 : properties.autopayMs()),
                TradeOutcome.Unknown::new);
        return fault == TradeFault.TIMEOUT
                ? new TradeOutcome.Unknown("simulated timeout: the gateway handled the call but its answer was lost")
                : outcome;
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        return reachGateway(() -> trades.find(name(), paymentId).map(SimChannel::status).orElseGet(TradeStatus.NotFound::new),
                TradeStatus.Unknown::new);
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        return reachGateway(() -> switch (transitions.close(name(), paymentId)) {
            case TradeTransitions.Result.Moved moved -> new CloseOutcome.Closed();
            case TradeTransitions.Result.AlreadyThere already -> new CloseOutcome.Closed();
            case TradeTransitions.Result.Refused(Trade paid) -> new CloseOutcome.AlreadyPaid(paid.tradeNo(), paid.amount(), paid.currency());
            case TradeTransitions.Result.NotFound notFound -> new CloseOutcome.NotFound();
        }, CloseOutcome.Unknown::new);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        if (!isMerchantId(request.refundId()) || !isMerchantId(request.paymentId()) || request.amount() <= 0) {
            return new RefundOutcome.Failed("refundId, paymentId and a positive amount are required");
        }
        RefundFault fault = faults.require(name()).nextRefund();
        if (fault == RefundFault.DECLINE) {
            return new RefundOutcome.Failed("declined by the simulator's fault switch");
        }
        RefundOutcome outcome = reachGateway(() -> bookRefund(request), RefundOutcome.Unknown::new);
        return fault == RefundFault.TIMEOUT
                ? new RefundOutcome.Unknown("simulated timeout: the gateway handled the refund but its answer was lost")
                : outcome;
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        return reachGateway(() -> trades.findRefund(name(), refundId)
                .filter(refund -> refund.outTradeNo().equals(paymentId))
                .<RefundQuery>map(refund -> new RefundQuery.Succeeded(refund.refundNo(), refund.amount()))
                .orElseGet(RefundQuery.NotFound::new), RefundQuery.Unknown::new);
    }

    @Override
    public NotificationReply reply(boolean accepted) {
        return new NotificationReply(accepted ? 200 : 400, "text/plain", accepted ? "success" : "fail");
    }

    @Override
    public Notification parseNotification(InboundNotification inbound) {
        try {
            Optional<Map<String, String>> form = FormBody.singleValued(inbound.body());
            if (form.isEmpty()) {
                return new Notification.Invalid("malformed form");
            }
            return identity.parse(form.get());
        } catch (RuntimeException e) {
            // The port promises never to throw for bad input; a parser bug must not become a 500 either.
            log.warn("Unreadable {} notification: {}", name(), e.toString());
            return new Notification.Invalid("unreadable notification");
        }
    }

    private TradeOutcome openTrade(TradeRequest request, long autopayMs) {
        return transactions.run(status -> {
            Optional<Trade> opened = trades.insert(identity.spec(), request, autopayMs);
            Trade trade = opened.or(() -> trades.find(name(), request.paymentId()))
                    .orElseThrow(() -> new IllegalStateException("Trade " + request.paymentId() + " neither inserted nor found"));
            if (opened.isEmpty() && (trade.amount() != request.amount() || !trade.currency().equals(request.currency()))) {
                return new TradeOutcome.Declined("out_trade_no " + request.paymentId() + " already names a trade of another amount");
            }
            if (trade.status() == TradeState.TRADE_CLOSED) {
                return new TradeOutcome.Declined("the trade of out_trade_no " + request.paymentId() + " is closed");
            }
            return new TradeOutcome.Created(trade.tradeNo(), payUrl(name(), request.paymentId()));
        });
    }

    private RefundOutcome bookRefund(RefundRequest request) {
        return transactions.run(status -> {
            Optional<Trade> trade = trades.find(name(), request.paymentId());
            if (trade.isEmpty() || !trade.get().currency().equals(request.currency())) {
                return new RefundOutcome.Failed(trade.isEmpty() ? "trade not found" : "currency differs from the trade's");
            }
            Optional<String> refundNo = trades.insertRefund(name(), request);
            if (refundNo.isEmpty()) {
                return repeatedRefund(request);
            }
            if (!trades.addRefunded(name(), request.paymentId(), request.amount())) {
                // Undo the booked refund row: no money moved, and the refundId stays free for a corrected retry.
                status.setRollbackOnly();
                boolean paid = trades.find(name(), request.paymentId()).map(now -> now.status() == TradeState.TRADE_SUCCESS).orElse(false);
                return new RefundOutcome.Failed(paid ? "refund would exceed the amount paid and not yet refunded" : "trade is not paid");
            }
            return new RefundOutcome.Succeeded(refundNo.get());
        });
    }

    /** A refundId seen before: the same refund answers as it did; a different one under that id is refused. */
    private RefundOutcome repeatedRefund(RefundRequest request) {
        SimRefund first = trades.findRefund(name(), request.refundId())
                .orElseThrow(() -> new IllegalStateException("Refund " + request.refundId() + " neither inserted nor found"));
        boolean same = first.outTradeNo().equals(request.paymentId()) && first.amount() == request.amount()
                && first.currency().equals(request.currency());
        return same ? new RefundOutcome.Succeeded(first.refundNo())
                : new RefundOutcome.Failed("out_request_no " + request.refundId() + " already names another refund");
    }

    private Optional<String> tradeRequestProblem(TradeRequest request) {
        Optional<Currency> currency = GatewayAmounts.currency(request.currency());
        if (!isMerchantId(request.paymentId())) {
            return Optional.of("out_trade_no must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        if (currency.isEmpty()) {
            return Optional.of("unsupported currency " + request.currency());
        }
        if (!GatewayAmounts.fits(request.amount(), currency.get())) {
            return Optional.of("total_amount must be positive and at most 15 integer digits");
        }
        if (request.subject() != null && request.subject().length() > SUBJECT_LENGTH_MAX) {
            return Optional.of("subject longer than " + SUBJECT_LENGTH_MAX + " characters");
        }
        return Optional.empty();
    }

    /** The gateway's books are out of reach (database down, pool exhausted): to payonce that is a timeout. */
    private <T> T reachGateway(Supplier<T> call, java.util.function.Function<String, T> unknown) {
        try {
            return call.get();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Simulated {} gateway unreachable: {}", name(), e.toString());
            return unknown.apply("gateway unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static TradeStatus status(Trade trade) {
        return switch (trade.status()) {
            case WAIT_BUYER_PAY -> new TradeStatus.Waiting(trade.tradeNo());
            case TRADE_SUCCESS -> new TradeStatus.Paid(trade.tradeNo(), trade.amount(), trade.currency());
            case TRADE_CLOSED -> new TradeStatus.Closed(trade.tradeNo());
        };
    }
}
