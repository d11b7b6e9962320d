package io.payonce.shop;

import java.util.Set;

import io.payonce.access.Caller;
import io.payonce.access.OrderTokens;
import io.payonce.common.Refusal;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.idempotency.Progress;
import io.payonce.orders.Order;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/orders}: one phase. The order is inserted, its stock reserved, the hash of its
 * token stored and the answer stored in one transaction, so there is no recovery point: a crash
 * leaves nothing, and the retry starts afresh.
 */
@Component
public class CreateOrder implements IdempotentOperation<CreateOrder.Command, Order> {

    /** Sold out is the answer to this request, even if stock comes back later: a retry must not buy. */
    private static final Set<Refusal.Reason> FINAL = Set.of(Refusal.Reason.SOLD_OUT);

    /** An order, and who places it: the order's token is derived from the caller's credential. */
    public record Command(Orders.NewOrder order, Caller caller) {
    }

    private final Orders orders;
    private final OrderTokens tokens;
    private final TransactionTemplate transactions;

    CreateOrder(Orders orders, OrderTokens tokens, TransactionTemplate transactions) {
        this.orders = orders;
        this.tokens = tokens;
        this.transactions = transactions;
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
        return transactions.execute(tx -> {
            Order order = orders.create(command.order());
            tokens.issue(command.caller(), order.id());
            return progress.complete(order);
        });
    }
}
