package io.payonce.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdsTest {

    /** Crockford-style base 32, as Ids writes it. */
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

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

    @Test
    void the_first_ten_characters_are_the_creation_millisecond_in_base_32() {
        long before = System.currentTimeMillis();
        String id = Ids.next("ord");
        long after = System.currentTimeMillis();

        long encoded = 0;
        for (char c : id.substring("ord_".length(), "ord_".length() + 10).toCharArray()) {
            encoded = encoded * 32 + ALPHABET.indexOf(c);
        }
        assertThat(encoded).isBetween(before, after);
    }

    @Test
    void an_id_one_character_short_or_long_is_refused() {
        String id = Ids.next("ord");

        assertThat(Ids.wellFormed(id.substring(0, id.length() - 1), "ord")).isFalse();
        assertThat(Ids.wellFormed(id + "0", "ord")).isFalse();
    }

    @Test
    void the_characters_just_outside_digits_and_lower_case_letters_are_refused() {
        String id = Ids.next("ord");
        String body = id.substring(0, id.length() - 1);

        for (char inside : new char[] {'0', '9', 'a', 'z'}) {
            assertThat(Ids.wellFormed(body + inside, "ord")).as("'%s'", inside).isTrue();
        }
        for (char outside : new char[] {'/', ':', '`', '{'}) {
            assertThat(Ids.wellFormed(body + outside, "ord")).as("'%s'", outside).isFalse();
        }
    }
}
