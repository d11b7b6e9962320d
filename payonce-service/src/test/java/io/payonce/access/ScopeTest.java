package io.payonce.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Scopes as clients write them and as the api_keys table stores them. */
class ScopeTest {

    @Test
    void each_scope_is_read_from_its_wire_name_whatever_the_case_and_surrounding_spaces() {
        for (Scope scope : Scope.values()) {
            assertThat(Scope.parse(scope.wireName())).contains(scope);
        }
        assertThat(Scope.parse(" Orders:Read \t")).contains(Scope.ORDERS_READ);
    }

    @Test
    void an_unknown_missing_or_enum_style_name_is_no_scope() {
        assertThat(Scope.parse("orders")).isEmpty();
        assertThat(Scope.parse("ORDERS_READ")).isEmpty();
        assertThat(Scope.parse("")).isEmpty();
        assertThat(Scope.parse(null)).isEmpty();
    }

    @Test
    void the_stored_form_is_wire_names_in_declaration_order_separated_by_one_space() {
        assertThat(Scope.format(Set.of(Scope.REFUNDS, Scope.CATALOG, Scope.ORDERS_READ))).isEqualTo("catalog orders:read refunds");
        assertThat(Scope.format(Set.of(Scope.ADMIN))).isEqualTo("admin");
    }

    @Test
    void the_stored_form_reads_back_to_the_same_scopes() {
        Set<Scope> all = EnumSet.allOf(Scope.class);

        assertThat(Scope.parseStored(Scope.format(all))).isEqualTo(all);
        assertThat(Scope.parseStored("members")).containsExactly(Scope.MEMBERS);
    }

    @Test
    void a_stored_scope_this_version_does_not_know_grants_nothing_and_hides_no_other() {
        assertThat(Scope.parseStored("catalog payouts:write refunds")).containsExactlyInAnyOrder(Scope.CATALOG, Scope.REFUNDS);
        assertThat(Scope.parseStored("")).isEmpty();
    }
}
