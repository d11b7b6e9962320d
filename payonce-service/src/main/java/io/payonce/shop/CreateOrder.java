package io.payonce.shop;

import java.util.Set;

import io.payonce.access.Caller;
import io.payonce.access.OrderTokens;
import io.payonce.common.Refusal;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.intake.IntakeSignal;
import io.payonce.idempotency.Progress;
import io.payonce.orders.Holder;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/orders}: one phase. The order is inserted, its stock reserved, the hash of its
 * token stored and the answer stored in one transaction, so there is no recovery point: a crash
 * leaves nothing, and the retry starts afresh. A queued product's order is inserted QUEUED instead,
 * with nothing reserved, in the same one transaction; once it committed the intake is signalled
 * (RabbitMQ, where configured), and a worker gives the order its turn.
 */
@Component
public class CreateOrder implements IdempotentOperation<CreateOrder.Command, Order> {

    /**
     * Sold out is the answer to this request, even if stock comes back later: a retry must not buy.
     * {@code RESERVATION_LIMIT} is not final, and so not stored: it is a 429 that tells the client
     * to come back with the same key once the buyer paid, cancelled or let an order expire, and that
     * retry must then be able to buy. Nothing was reserved, so the released key starts afresh.
     */
    private static final Set<Refusal.Reason> FINAL = Set.of(Refusal.Reason.SOLD_OUT);

    /**
     * An order, who places it and from which client address: the order's token is derived from the
     * caller's credential, and the caps on unpaid reservations count per caller and per address.
     */
    public record Command(Orders.NewOrder order, Caller caller, String clientIp) {
    }

    private final Orders orders;
    private final OrderTokens tokens;
    private final TransactionTemplate transactions;
    private final IntakeSignal intake;

    CreateOrder(Orders orders, OrderTokens tokens, TransactionTemplate transactions, IntakeSignal intake) {
        this.orders = orders;
        this.tokens = tokens;
        this.transactions = transactions;
        this.intake = intake;
    }

    @Override
    public String name() {
        return "POST /v1/orders";
    }

    @Override
    public Set<Refusal.Reason> finalRefusals() {
        return FINAL;
    }

    @Override
    public Order run(Command command, Progress<Order> progress) {
        Order order = transactions.execute(tx -> {
            Order created = orders.create(withHolder(command));
            tokens.issue(command.caller(), created.id());
            return progress.complete(created);
        });
        if (order.status() == OrderStatus.QUEUED) {
            intake.queued(order.id());
        }
        return order;
    }

    /** The caller as the caps see it; a caller that cannot hold orders never reaches here (AccessRules). */
    private static Orders.NewOrder withHolder(Command command) {
        Holder.Kind kind = switch (command.caller()) {
            case Caller.Buyer buyer -> Holder.Kind.BUYER;
            case Caller.ApiKey key -> Holder.Kind.API_KEY;
            case Caller.Root root -> Holder.Kind.ROOT;
            case Caller.Owner owner -> throw new IllegalStateException("The console's session reached order creation");
            case Caller.Anonymous anonymous -> throw new IllegalStateException("An anonymous caller reached order creation");
        };
        Orders.NewOrder order = command.order();
        return new Orders.NewOrder(order.sku(), order.quantity(), order.buyerUserId(), order.buyerEmail(),
                new Holder(command.caller().owner(), kind, command.clientIp()));
    }
}
