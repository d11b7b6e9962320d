package io.payonce.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules that live both in the enums and in the schema say the same thing: SQL cannot take a
 * partial index's predicate from Java, so this test holds the two together.
 */
@IntegrationTest
class PaymentRulesIT {

    private static final Pattern QUOTED = Pattern.compile("'(\\w+)'");

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_one_live_payment_index_covers_exactly_the_statuses_that_hold_an_order() {
        String definition = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'payments_one_live_per_order'")
                .query(String.class).single();

        assertThat(quoted(definition)).containsExactlyInAnyOrderElementsOf(PaymentStatus.names(PaymentStatus.HOLDING_ORDER));
        assertThat(quoted(PaymentRepository.HOLDING_ORDER_PREDICATE))
                .containsExactlyInAnyOrderElementsOf(PaymentStatus.names(PaymentStatus.HOLDING_ORDER));
    }

    @Test
    void the_status_checks_of_payments_and_refunds_allow_exactly_the_enums_values() {
        assertThat(checkedStatuses("payments")).containsExactlyInAnyOrder(
                java.util.Arrays.stream(PaymentStatus.values()).map(Enum::name).toArray(String[]::new));
        assertThat(checkedStatuses("refunds")).containsExactlyInAnyOrder(
                java.util.Arrays.stream(RefundStatus.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void the_money_exception_checks_allow_exactly_the_enums_values() {
        assertThat(quoted(check("money_exceptions", "money_exceptions_kind_check"))).containsExactlyInAnyOrder(
                java.util.Arrays.stream(MoneyException.Kind.values()).map(Enum::name).toArray(String[]::new));
        assertThat(quoted(check("money_exceptions", "money_exceptions_state_check"))).containsExactlyInAnyOrder(
                java.util.Arrays.stream(MoneyException.State.values()).map(Enum::name).toArray(String[]::new));
        assertThat(quoted(check("money_exceptions", "money_exceptions_auto_refund_check"))).containsExactlyInAnyOrder(
                java.util.Arrays.stream(MoneyException.AutoRefund.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void the_janitor_index_covers_exactly_the_statuses_it_asks_about() {
        String definition = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'payments_due'").query(String.class).single();

        assertThat(quoted(definition)).containsExactlyInAnyOrderElementsOf(PaymentStatus.allowing(PaymentStatus.Event.SUCCEED));
        assertThat(definition).contains("(next_query_at)");
    }

    @Test
    void a_failed_payment_without_the_gateways_answer_is_refused_by_the_schema() {
        String definition = check("payments", "payments_failed_has_cause");

        assertThat(definition).contains("FAILED").contains("failure_code IS NOT NULL");
    }

    private String check(String table, String name) {
        return jdbc.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ?::regclass AND conname = ?")
                .param(table).param(name).query(String.class).single();
    }

    private List<String> checkedStatuses(String table) {
        String check = jdbc.sql("""
                        SELECT pg_get_constraintdef(oid) FROM pg_constraint
                         WHERE conrelid = ?::regclass AND contype = 'c' AND conname = ? || '_status_check'""")
                .param(table).param(table).query(String.class).single();
        return quoted(check);
    }

    private static List<String> quoted(String sql) {
        Matcher matcher = QUOTED.matcher(sql);
        List<String> values = new java.util.ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
