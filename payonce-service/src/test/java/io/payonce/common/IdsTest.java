package io.payonce.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void ids_carry_their_prefix_are_well_formed_and_do_not_repeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.next("ord");
            assertThat(Ids.wellFormed(id, "ord")).as(id).isTrue();
            assertThat(seen.add(id)).as("duplicate " + id).isTrue();
        }
    }

    @Test
    void foreign_or_malformed_ids_are_refused_before_they_reach_sql() {
        assertThat(Ids.wellFormed(Ids.next("pay"), "ord")).isFalse();
        assertThat(Ids.wellFormed("ord_' OR 1=1 --", "ord")).isFalse();
        assertThat(Ids.wellFormed("ord_" + "A".repeat(26), "ord")).isFalse();
        assertThat(Ids.wellFormed(null, "ord")).isFalse();
    }
}
