package io.payonce.gateway.book;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Money as gateways write it: major units with exactly the currency's fraction digits
 * ({@code "19.99"} CNY, {@code "1999"} JPY), converted to payonce's minor units without floats.
 */
public final class GatewayAmounts {

    /** 15 integer digits: Alipay's own bound is far lower (100,000,000.00), and any such amount fits a long. */
    static final int INTEGER_DIGITS_MAX = 15;

    /** By fraction digits: ISO 4217 currencies have 0, 2, 3 or 4; metals and test codes have none (-1). */
    private static final Map<Integer, Pattern> AMOUNT_FORMATS = Map.of(
            0, amountFormat(0), 1, amountFormat(1), 2, amountFormat(2), 3, amountFormat(3), 4, amountFormat(4));

    private GatewayAmounts() {
    }

    /** The ISO 4217 currency, if the code names one that has minor units (not XAU, XXX and the like). */
    public static Optional<Currency> currency(String code) {
        if (code == null) {
            return Optional.empty();
        }
        // Currency.getInstance itself refuses anything but an ISO 4217 code (three capitals).
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code 1999} CNY as {@code "19.99"}; {@code 5} as {@code "0.05"}. */
    public static String format(long minorUnits, Currency currency) {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString();
    }

    /** True when the amount is positive and its integer part has at most {@link #INTEGER_DIGITS_MAX} digits. */
    public static boolean fits(long minorUnits, Currency currency) {
        BigDecimal major = BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
        return minorUnits > 0 && major.precision() - major.scale() <= INTEGER_DIGITS_MAX;
    }

    /**
     * Minor units of a gateway amount, or empty when it is not {@code \d{1,15}(\.\d{1,N})?} with N the
     * currency's fraction digits (no sign, no exponent, no spaces, no more precision than the currency has).
     */
    public static OptionalLong parse(String text, Currency currency) {
        int fractionDigits = currency.getDefaultFractionDigits();
        Pattern format = AMOUNT_FORMATS.get(fractionDigits);
        if (text == null || format == null || !format.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(new BigDecimal(text).movePointRight(fractionDigits).longValueExact());
    }

    private static Pattern amountFormat(int fractionDigits) {
        String fraction = fractionDigits == 0 ? "" : "(\\.\\d{1," + fractionDigits + "})?";
        return Pattern.compile("^\\d{1," + INTEGER_DIGITS_MAX + "}" + fraction + "$");
    }
}
