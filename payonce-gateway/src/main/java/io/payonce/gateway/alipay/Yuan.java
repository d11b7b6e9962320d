package io.payonce.gateway.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/** Alipay's wire values: amounts in yuan text ({@code "88.88"}) and times as Beijing wall-clock text. */
final class Yuan {

    /** Alipay's range of total_amount: 0.01 to 100,000,000.00 yuan. */
    static final long FEN_MAX = 10_000_000_000L;
    private static final Pattern YUAN = Pattern.compile("^(0|[1-9][0-9]{0,10})(\\.[0-9]{1,2})?$");
    /** Alipay writes times in Beijing time, as the SDK parses them ({@code yyyy-MM-dd HH:mm:ss}). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private Yuan() {
    }

    /** Fen as yuan text: {@code 1} is {@code "0.01"}. */
    static String of(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** Yuan text as fen, within Alipay's range; empty for anything else. */
    static Optional<Long> fen(Object yuan) {
        if (!(yuan instanceof String text) || !YUAN.matcher(text).matches()) {
            return Optional.empty();
        }
        long fen = new BigDecimal(text).movePointRight(2).longValueExact();
        return fen >= 1 && fen <= FEN_MAX ? Optional.of(fen) : Optional.empty();
    }

    static String time(Instant at) {
        return TIME.format(at);
    }
}
