package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import io.payonce.common.Refusal;
import org.junit.jupiter.api.Test;

/** A batch of card-key codes at each of its limits and one past it; a refusal never echoes a code. */
class ImportCodesRequestTest {

    private static final int BATCH_MAX = 3;

    @Test
    void a_batch_of_exactly_the_maximum_is_accepted_as_sent() {
        List<String> codes = List.of("A-1", "B-2", "C-3");

        assertThat(new ImportCodesRequest(codes).validCodes(BATCH_MAX)).isSameAs(codes);
    }

    @Test
    void a_batch_one_past_the_maximum_or_empty_or_missing_is_refused() {
        assertRefused(List.of("A-1", "B-2", "C-3", "D-4"), "codes must be a list of 1 to 3 codes");
        assertRefused(List.of(), "codes must be a list of 1 to 3 codes");
        assertRefused(null, "codes must be a list of 1 to 3 codes");
    }

    @Test
    void a_code_of_256_characters_is_accepted_counting_emoji_as_one_and_257_is_refused() {
        String key = "\uD83D\uDD11";

        assertThat(new ImportCodesRequest(List.of(key.repeat(256))).validCodes(BATCH_MAX)).hasSize(1);
        assertRefused(List.of("ok", key.repeat(257)), "codes[1] is longer than 256 characters");
    }

    @Test
    void an_empty_missing_or_unprintable_code_is_refused_by_its_index_not_its_value() {
        assertRefused(List.of("ok", ""), "codes[1] is empty");
        assertRefused(Arrays.asList("ok", "ok", null), "codes[2] is empty");
        assertRefused(List.of("SECRET\u0000"), "codes[0] contains a control character or an unpaired surrogate");
        assertRefused(List.of("SECRET\uD83D"), "codes[0] contains a control character or an unpaired surrogate");
        assertThatThrownBy(() -> new ImportCodesRequest(List.of("SECRET\u0000")).validCodes(BATCH_MAX))
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void the_first_bad_code_is_the_one_named() {
        assertRefused(List.of("ok", "", "bad\u0001"), "codes[1] is empty");
    }

    private static void assertRefused(List<String> codes, String detail) {
        assertThatThrownBy(() -> new ImportCodesRequest(codes).validCodes(BATCH_MAX))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.reason()).isEqualTo(Refusal.Reason.INVALID_REQUEST))
                .hasMessage(detail);
    }
}
