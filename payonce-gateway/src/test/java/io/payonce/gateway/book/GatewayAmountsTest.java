package io.payonce.gateway.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayAmountsTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency KWD = Currency.getInstance("KWD");

    @ParameterizedTest
    @CsvSource({
            "19.99, CNY, 1999",
            "19.9, CNY, 1990",
            "19, CNY, 1900",
            "0.01, CNY, 1",
            "0, CNY, 0",
            "000.10, CNY, 10",
            "999999999999999.99, CNY, 99999999999999999",
            "1999, JPY, 1999",
            "1.234, KWD, 1234",
    })
    void a_well_formed_amount_becomes_exact_minor_units(String text, String currency, long minorUnits) {
        assertThat(GatewayAmounts.parse(text, Currency.getInstance(currency))).hasValue(minorUnits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 19.99", "19.99 ", "19.99\n", "-1.00", "+1.00", "1e3", "1.999", "19.", ".99", "1,00",
            "١٢.٣٤", "0x10", "1000000000000000.00", "NaN", "19.99.1"})
    void a_malformed_amount_is_refused(String text) {
        assertThat(GatewayAmounts.parse(text, CNY)).isEmpty();
    }

    @Test
    void a_currency_without_minor_units_takes_no_decimal_point() {
        assertThat(GatewayAmounts.parse("19.00", JPY)).isEmpty();
        assertThat(GatewayAmounts.parse("1.2345", KWD)).isEmpty();
        assertThat(GatewayAmounts.parse(null, CNY)).isEmpty();
    }

    @Test
    void formatting_writes_exactly_the_currencys_fraction_digits() {
        assertThat(GatewayAmounts.format(1999, CNY)).isEqualTo("19.99");
        assertThat(GatewayAmounts.format(5, CNY)).isEqualTo("0.05");
        assertThat(GatewayAmounts.format(1999, JPY)).isEqualTo("1999");
        assertThat(GatewayAmounts.format(1, KWD)).isEqualTo("0.001");
    }

    @Test
    void formatting_then_parsing_gives_back_the_same_minor_units_for_seeded_random_amounts() {
        Random random = new Random(20261123L);
        for (Currency currency : new Currency[] {CNY, JPY, KWD}) {
            for (int i = 0; i < 2_000; i++) {
                long amount = 1 + (long) (random.nextDouble() * 99_999_999_999L);
                assertThat(GatewayAmounts.parse(GatewayAmounts.format(amount, currency), currency)).isEqualTo(OptionalLong.of(amount));
            }
        }
    }

    @Test
    void only_positive_amounts_with_at_most_fifteen_integer_digits_fit() {
        assertThat(GatewayAmounts.fits(1, CNY)).isTrue();
        assertThat(GatewayAmounts.fits(99_999_999_999_999_999L, CNY)).isTrue();
        assertThat(GatewayAmounts.fits(100_000_000_000_000_000L, CNY)).isFalse();
        assertThat(GatewayAmounts.fits(999_999_999_999_999L, JPY)).isTrue();
        assertThat(GatewayAmounts.fits(1_000_000_000_000_000L, JPY)).isFalse();
        assertThat(GatewayAmounts.fits(0, CNY)).isFalse();
        assertThat(GatewayAmounts.fits(-1, CNY)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "cny", "CN", "CNYY", "ABC", "XXX", "XAU", "C1Y"})
    void unknown_or_unit_less_currencies_are_refused(String code) {
        assertThat(GatewayAmounts.currency(code)).isEmpty();
    }

    @Test
    void a_currency_with_zero_fraction_digits_is_known_and_one_without_minor_units_is_not() {
        assertThat(GatewayAmounts.currency("JPY")).contains(JPY);
        assertThat(GatewayAmounts.currency("XAU")).isEmpty();
    }

    @Test
    void an_amount_in_a_currency_without_minor_units_cannot_be_parsed() {
        assertThat(GatewayAmounts.parse("1", Currency.getInstance("XAU"))).isEmpty();
    }

    @Test
    void iso_currencies_are_known() {
        assertThat(GatewayAmounts.currency("CNY")).contains(CNY);
        assertThat(GatewayAmounts.currency("USD")).contains(Currency.getInstance("USD"));
        assertThat(GatewayAmounts.currency(null)).isEmpty();
    }
}
