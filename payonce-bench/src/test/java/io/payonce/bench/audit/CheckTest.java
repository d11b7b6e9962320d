package io.payonce.bench.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void no_violations_pass_and_keep_the_number_checked() {
        assertThat(Check.of("no order paid twice", 40, List.of()))
                .isEqualTo(new Check("no order paid twice", true, 40, 0, List.of(), null));
    }

    @Test
    void five_violations_are_all_shown_and_a_sixth_is_counted_but_not_shown() {
        List<String> five = List.of("a", "b", "c", "d", "e");
        List<String> six = List.of("a", "b", "c", "d", "e", "f");

        assertThat(Check.of("x", 10, five)).isEqualTo(new Check("x", false, 10, 5, five, null));
        assertThat(Check.of("x", 10, six)).isEqualTo(new Check("x", false, 10, 6, five, null));
    }

    @Test
    void a_skipped_check_passes_vacuously_and_says_why() {
        assertThat(Check.skipped("stock conserved", "no card_keys table"))
                .isEqualTo(new Check("stock conserved", true, 0, 0, List.of(), "skipped: no card_keys table"));
    }
}
