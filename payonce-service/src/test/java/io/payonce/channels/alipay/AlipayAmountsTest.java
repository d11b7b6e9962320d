package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AlipayAmountsTest {

    @ParameterizedTest
    @CsvSource({"1, 0.01", "10, 0.10", "99, 0.99", "100, 1.00", "12345, 123.45", "9999999999, 99999999.99",
            "10000000000, 100000000.00"})
    void fen_become_yuan_text_with_two_decimals_and_back_exactly(long fen, String yuan) {
        assertThat(AlipayAmounts.yuan(fen)).isEqualTo(yuan);
        assertThat(AlipayAmounts.fen(yuan)).hasValue(fen);
    }

    @Test
    void alipays_range_is_one_fen_to_one_hundred_million_yuan_and_nothing_past_either_edge() {
        assertThat(AlipayAmounts.fits(0)).isFalse();
        assertThat(AlipayAmounts.fits(1)).isTrue();
        assertThat(AlipayAmounts.fits(10_000_000_000L)).isTrue();
        assertThat(AlipayAmounts.fits(10_000_000_001L)).isFalse();
        assertThatThrownBy(() -> AlipayAmounts.yuan(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlipayAmounts.yuan(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlipayAmounts.yuan(10_000_000_001L)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.5", "0", "0.0"})
    void yuan_with_fewer_decimals_is_read_exactly(String yuan) {
        assertThat(AlipayAmounts.fen(yuan)).hasValueSatisfying(fen -> assertThat(fen * 1.0).isEqualTo(Double.parseDouble(yuan) * 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1.00", "1.00 ", "0.001", "-1.00", "+1.00", "1e3", "01.00", "1,00", "1.", ".5", "NaN",
            "123456789012.00", "１.00"})
    void anything_but_plain_yuan_is_not_an_amount(String text) {
        assertThat(AlipayAmounts.fen(text)).isEmpty();
    }

    @Test
    void seeded_random_amounts_round_trip_exactly() {
        Random random = new Random(20261130);
        for (int i = 0; i < 10_000; i++) {
            long fen = 1 + (long) (random.nextDouble() * AlipayAmounts.FEN_MAX);
            assertThat(AlipayAmounts.fen(AlipayAmounts.yuan(fen))).hasValue(fen);
        }
    }
}
