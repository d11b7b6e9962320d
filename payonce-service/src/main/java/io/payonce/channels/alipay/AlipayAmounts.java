package io.payonce.channels.alipay;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * payonce's minor units (fen) and Alipay's yuan strings ({@code "88.88"}), converted exactly: no
 * floating point, no rounding. Alipay takes amounts in CNY only on this API, from 0.01 to
 * 100,000,000.00 yuan.
 */
public final class AlipayAmounts {

    public static final String CURRENCY = "CNY";
    /** 0.01 yuan, Alipay's smallest total_amount. */
    public static final long FEN_MIN = 1;
    /** 100,000,000.00 yuan, Alipay's largest total_amount. */
    public static final long FEN_MAX = 10_000_000_000L;
    /** At most 11 integer digits and 2 decimals: longer text is refused before BigDecimal sees it. */
    private static final Pattern YUAN = Pattern.compile("^(0|[1-9][0-9]{0,10})(\\.[0-9]{1,2})?$");

    private AlipayAmounts() {
    }

    /** True when Alipay accepts this many fen as an amount. */
    public static boolean fits(long fen) {
        return fen >= FEN_MIN && fen <= FEN_MAX;
    }

    /** {@code 1} becomes {@code "0.01"}, {@code 12345} becomes {@code "123.45"}. */
    public static String yuan(long fen) {
        if (!fits(fen)) {
            throw new IllegalArgumentException("amount out of Alipay's range: " + fen + " fen");
        }
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** Alipay's yuan text as fen; empty for anything but a plain non-negative decimal of at most 2 places. */
    public static Optional<Long> fen(String yuan) {
        if (yuan == null || !YUAN.matcher(yuan).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(yuan).movePointRight(2).longValueExact());
    }
}
