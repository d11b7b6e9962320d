package io.payonce.gateway.book;

import java.util.List;
import java.util.Optional;

import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.faults.SandboxFaults;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The only ways a trade leaves WAIT_BUYER_PAY: the buyer pays (by hand or autopay), gives up, or
 * the merchant closes it. Each is one conditional UPDATE plus its notification in one
 * transaction, so exactly one of any number of racing attempts wins, and its notification is
 * written if and only if it did.
 */
@Component
public class TradeTransitions {

    /** What became of an attempt to move a trade. */
    public sealed interface Result {
        /** This call moved the trade (and wrote its notification). */
        record Moved(Trade trade) implements Result {
        }

        /** The trade was already where the call wanted it: a harmless repeat. */
        record AlreadyThere(Trade trade) implements Result {
        }

        /** The trade is final the other way (paid when closing, closed when paying). */
        record Refused(Trade trade) implements Result {
        }

        record NotFound() implements Result {
        }
    }

    private final Trades trades;
    private final NotificationOutbox outbox;
    private final SandboxFaults faults;
    private final GatewayTransactions transactions;
    private final ApplicationEventPublisher events;

    TradeTransitions(Trades trades, NotificationOutbox outbox, SandboxFaults faults, GatewayTransactions transactions,
                     ApplicationEventPublisher events) {
        this.trades = trades;
        this.outbox = outbox;
        this.faults = faults;
        this.transactions = transactions;
        this.events = events;
    }

    /** The buyer pays. */
    public Result pay(String channel, String outTradeNo) {
        return move(channel, outTradeNo, TradeState.TRADE_SUCCESS);
    }

    /** The buyer gives up, or the merchant closes the trade. */
    public Result close(String channel, String outTradeNo) {
        return move(channel, outTradeNo, TradeState.TRADE_CLOSED);
    }

    /** Pays a batch of trades whose autopay time has come; returns how many. */
    int payDueAutopay(int batchMax) {
        List<Trade> paid = transactions.run(status -> {
            List<Trade> due = trades.payDueAutopay(batchMax);
            due.forEach(trade -> outbox.enqueue(trade, trade.status(), faults.require(trade.channel()).planNotification()));
            return due;
        });
        if (!paid.isEmpty()) {
            events.publishEvent(new NotificationsWritten());
        }
        return paid.size();
    }

    private Result move(String channel, String outTradeNo, TradeState target) {
        Result result = transactions.run(status -> {
            Optional<Trade> moved = trades.move(channel, outTradeNo, target);
            moved.ifPresent(trade -> outbox.enqueue(trade, target, faults.require(channel).planNotification()));
            return moved.<Result>map(Result.Moved::new).orElseGet(() -> existing(channel, outTradeNo, target));
        });
        if (result instanceof Result.Moved) {
            events.publishEvent(new NotificationsWritten());
        }
        return result;
    }

    private Result existing(String channel, String outTradeNo, TradeState target) {
        return trades.find(channel, outTradeNo).<Result>map(trade -> switch (trade.status()) {
            // The conditional UPDATE matches every waiting trade, so one still waiting here is a bug.
            case WAIT_BUYER_PAY -> throw new IllegalStateException("Trade " + outTradeNo + " still waits after its transition missed");
            case TRADE_SUCCESS, TRADE_CLOSED -> trade.status() == target ? new Result.AlreadyThere(trade) : new Result.Refused(trade);
        }).orElseGet(Result.NotFound::new);
    }
}
