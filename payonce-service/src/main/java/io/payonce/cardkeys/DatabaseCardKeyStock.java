package io.payonce.cardkeys;

import java.util.List;

import io.payonce.products.AvailableStock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card-key stock in PostgreSQL. The writing methods demand the caller's transaction
 * (MANDATORY: they open none of their own), so a reservation commits or rolls back with its order.
 *
 * <p>Why no key is ever sold twice: a key is reserved by a conditional UPDATE of a row this
 * transaction has locked, from AVAILABLE to RESERVED with the order's id, and the table's CHECK
 * keeps RESERVED and DELIVERED rows tied to exactly one order. Two transactions cannot both lock a
 * row, and the second to see it re-reads its committed status. Overselling is impossible under any
 * interleaving; the algorithm below only decides how quickly, and how fairly, stock is handed out.
 */
@Component
class DatabaseCardKeyStock implements CardKeyStock, AvailableStock {

    private final CardKeyRows rows;
    private final CardKeyVault vault;
    private final TransactionTemplate savepoint;

    DatabaseCardKeyStock(CardKeyRows rows, CardKeyVault vault, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.vault = vault;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Fast path: take the keys nobody holds (SKIP LOCKED), all or nothing inside a savepoint. When
     * that comes up short, the keys it took are handed back at once (a partial take held until our
     * rollback could make a competitor come up short too, and both would answer sold out with stock
     * left). Then, unless the committed stock cannot cover the order anyway, wait in line: lock in id
     * order, re-checking each row once its holder finishes. That answer is exact: a key is missed
     * only if another order really got it. Waiting cannot deadlock: waiters lock in ascending id
     * order and hold no other key of the sku, and fast-path holders never wait for a key. The wait
     * is bounded by other order transactions, which are short and never call a gateway.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int reserve(String orderId, String sku, int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
        if (reserveAllOrNothingSkippingLocked(orderId, sku, quantity)) {
            return quantity;
        }
        if (rows.countAvailable(sku) < quantity) {
            return 0;
        }
        return rows.reserveWaiting(orderId, sku, quantity);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int deliver(String orderId) {
        return rows.markDelivered(orderId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int release(String orderId) {
        return rows.release(orderId);
    }

    @Override
    public List<String> deliveredCodes(String orderId) {
        return rows.deliveredCiphers(orderId).stream().map(vault::open).toList();
    }

    @Override
    public long available(String sku) {
        return rows.countAvailable(sku);
    }

    /**
     * Rolls back to the savepoint, releasing the row locks taken, when fewer than asked were free.
     * One key is taken whole or not at all, so it needs no savepoint: that saves the SAVEPOINT and
     * RELEASE round trips on nearly every order (issue 16).
     */
    private boolean reserveAllOrNothingSkippingLocked(String orderId, String sku, int quantity) {
        if (quantity == 1) {
            return rows.reserveSkippingLocked(orderId, sku, 1) == 1;
        }
        Boolean complete = savepoint.execute(status -> {
            boolean all = rows.reserveSkippingLocked(orderId, sku, quantity) == quantity;
            if (!all) {
                status.setRollbackOnly();
            }
            return all;
        });
        return Boolean.TRUE.equals(complete);
    }
}
