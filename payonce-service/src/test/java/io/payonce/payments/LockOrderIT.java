package io.payonce.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.common.Refusal;
import io.payonce.orders.Order;
import io.payonce.orders.Orders;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One lock order (docs/architecture.md): every transaction that writes a payment locks its order
 * first. A payment request (order, then the payment index) racing the gateway's notification for
 * the same order (which used to lock the payment, then the order) would otherwise deadlock, and
 * PostgreSQL would abort one of them. Raced 1,000 times: no deadlock, one charge each time.
 */
@IntegrationTest
class LockOrderIT {

    private static final int ROUNDS = 1_000;

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    PaymentService payments;
    @Autowired
    Settlement settlement;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_payment_request_racing_the_paid_notification_never_deadlocks() throws Exception {
        String sku = new Shop(new Api(port)).stockedSku("lock-order", 100, ROUNDS);
        List<String> unexpected = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                Payment opened = pendingPaymentWithTrade(sku);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> request = threads.submit(() -> payAgain(start, opened.orderId()));
                Future<?> notification = threads.submit(() -> notifyPaid(start, opened));
                collect(request, unexpected);
                collect(notification, unexpected);
            }
        }

        assertThat(unexpected).as("failures other than the expected refusals").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE sku = ? AND status = 'DELIVERED'").param(sku).query(Long.class).single())
                .isEqualTo(ROUNDS);
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entries l JOIN orders o ON o.id = l.order_id WHERE o.sku = ? AND l.kind = 'CHARGE'")
                .param(sku).query(Long.class).single()).isEqualTo(ROUNDS);
    }

    private Payment pendingPaymentWithTrade(String sku) {
        Order order = transactions.execute(tx -> orders.create(new Orders.NewOrder(sku, 1, null, null)));
        PaymentService.Opened opened = transactions.execute(tx -> payments.open(order.id(), "alipay"));
        Payment payment = ((PaymentService.Opened.Fresh) opened).payment();
        TradeOutcome outcome = payments.openTrade(payment, order.id(), order.expiresAt());
        return transactions.execute(tx -> payments.recordTrade(payment, outcome));
    }

    /** A second payment request for the order: finds the live attempt, or the order already paid. */
    private void payAgain(CyclicBarrier start, String orderId) {
        await(start);
        try {
            transactions.execute(tx -> payments.open(orderId, "alipay"));
        } catch (Refusal refusal) {
            if (refusal.reason() != Refusal.Reason.ORDER_ALREADY_PAID) {
                throw refusal;
            }
        }
    }

    private void notifyPaid(CyclicBarrier start, Payment payment) {
        await(start);
        Settlement.Result result = transactions.execute(tx ->
                settlement.applyPaid("alipay", payment.id(), payment.tradeNo(), payment.amount(), payment.currency()));
        if (result.outcome() != Settlement.Outcome.APPLIED) {
            throw new AssertionError("Notification not applied: " + result);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Future<?> future, List<String> unexpected) throws InterruptedException {
        try {
            future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            unexpected.add(e.getCause().toString());
        }
    }
}
