package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Memberships bought in the shop: MembershipGrants, inside the caller's transaction. */
@IntegrationTest
class MembershipGrantsIT {

    @Autowired
    MembershipGrants grants;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void a_paid_order_grants_its_days_once_however_often_it_is_applied() {
        String buyer = "buyer-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);

        Instant first = transactions.execute(tx -> grant(buyer, "ord_" + buyer, 30));
        Instant repeat = transactions.execute(tx -> grant(buyer, "ord_" + buyer, 30));

        assertThat(first).isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
        assertThat(repeat).isEqualTo(first);
        assertThat(grantRows(buyer)).isEqualTo(1);
    }

    @Test
    void a_second_order_extends_and_the_lookup_api_shows_the_shop_membership() {
        String buyer = "buyer-" + UUID.randomUUID();
        Instant first = transactions.execute(tx -> grant(buyer, "ord_a_" + buyer, 30));

        Instant second = transactions.execute(tx -> grant(buyer, "ord_b_" + buyer, 60));

        assertThat(second).isEqualTo(first.plus(Duration.ofDays(60)));
        MemberApiClient.Response lookup = new MemberApiClient(port).get("/api/member/" + MembershipGrants.SHOP_SYSTEM_ID + "/" + buyer);
        assertThat(lookup.expiresAt()).isEqualTo(second.toString());
    }

    @Test
    void the_grant_rolls_back_with_the_callers_transaction() {
        String buyer = "buyer-" + UUID.randomUUID();

        transactions.executeWithoutResult(tx -> {
            grant(buyer, "ord_" + buyer, 30);
            tx.setRollbackOnly();
        });

        assertThat(grantRows(buyer)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE user_id = ?").param(buyer).query(Long.class).single()).isZero();
        Instant retried = transactions.execute(tx -> grant(buyer, "ord_" + buyer, 30));
        assertThat(retried).isNotNull();
        assertThat(grantRows(buyer)).isEqualTo(1);
    }

    @Test
    void twenty_concurrent_applications_of_one_paid_order_extend_once() throws Exception {
        String buyer = "buyer-" + UUID.randomUUID();
        Instant start = transactions.execute(tx -> grant(buyer, "ord_start_" + buyer, 1));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Instant>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return transactions.execute(tx -> grant(buyer, "ord_" + buyer, 30));
                }));
            }
            go.countDown();
            Set<Instant> distinct = new HashSet<>();
            for (Future<Instant> answer : answers) {
                distinct.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(distinct).containsExactly(start.plus(Duration.ofDays(30)));
        }
        assertThat(grantRows(buyer)).isEqualTo(2);
    }

    @Test
    void days_past_the_expiry_horizon_write_nothing_and_leave_the_callers_transaction_usable() {
        String buyer = "buyer-" + UUID.randomUUID();
        int almostAll = MembershipGrants.EXPIRY_HORIZON_DAYS - 10;
        Instant start = transactions.execute(tx -> grant(buyer, "ord_a_" + buyer, almostAll));

        Boolean committed = transactions.execute(tx -> {
            OrderGrant refused = grants.grantForOrder(buyer, "ord_b_" + buyer, 11);
            assertThat(refused).isInstanceOf(OrderGrant.PastExpiryLimit.class);
            jdbc.sql("SELECT 1").query(Integer.class).single();
            return !tx.isRollbackOnly();
        });

        assertThat(committed).isTrue();
        assertThat(grantRows(buyer)).isEqualTo(1);
        Instant stored = jdbc.sql("SELECT expires_at FROM members WHERE system_id = 'payonce-shop' AND user_id = ?").param(buyer)
                .query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(stored).isEqualTo(start);
        Instant toTheLimit = transactions.execute(tx -> grant(buyer, "ord_c_" + buyer, 10));
        assertThat(toTheLimit).isEqualTo(start.plus(Duration.ofDays(10)));
        assertThat(grants.withinExpiryHorizon(buyer, 1)).isFalse();
        assertThat(grants.withinExpiryHorizon("nobody-" + buyer, MembershipGrants.EXPIRY_HORIZON_DAYS)).isTrue();
        assertThat(grants.withinExpiryHorizon("nobody-" + buyer, MembershipGrants.EXPIRY_HORIZON_DAYS + 1)).isFalse();
    }

    private Instant grant(String buyer, String orderId, int days) {
        OrderGrant result = grants.grantForOrder(buyer, orderId, days);
        assertThat((Object) result).isInstanceOf(OrderGrant.Granted.class);
        return ((OrderGrant.Granted) result).memberExpiresAt();
    }

    private long grantRows(String buyer) {
        return jdbc.sql("SELECT count(*) FROM member_grants WHERE system_id = 'payonce-shop' AND user_id = ?")
                .param(buyer).query(Long.class).single();
    }
}
