package io.payonce.products;

import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.payonce.common.Refusal;

/**
 * The body of {@code POST /v1/admin/products}, turned into a {@link Product} or refused with every
 * problem found. Numbers arrive as {@link Number} so that 19.99 is refused, not truncated to 19.
 */
public record CreateProductRequest(String sku, String name, String kind, Number price, String currency, Number membershipDays,
                                   Number orderQuantityMax, Number reservationSeconds, Boolean flashSale,
                                   Number unpaidUnitsMax, Boolean queued) {

    /** A request that leaves {@code queued} out: orders reserve their stock at once. */
    public CreateProductRequest(String sku, String name, String kind, Number price, String currency, Number membershipDays,
                                Number orderQuantityMax, Number reservationSeconds, Boolean flashSale, Number unpaidUnitsMax) {
        this(sku, name, kind, price, currency, membershipDays, orderQuantityMax, reservationSeconds, flashSale, unpaidUnitsMax, null);
    }

    /** The same pattern as the table's CHECK: URL-safe, so a sku goes into paths unescaped. */
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int NAME_LENGTH_MAX = 200;
    /**
     * 100,000,000.00 in a two-decimal currency: far above any digital good, and small enough that
     * price times the largest order quantity ({@code OrderLimits.QUANTITY_MAX}, 100) stays seven
     * orders of magnitude below Long.MAX_VALUE.
     */
    static final long PRICE_MAX = 100_000_000_00L;
    /**
     * Every product is sold through the payment path, so it costs at least one minor unit: a free
     * product would deliver goods with nothing charged (and the gateways refuse a zero amount).
     */
    static final long PRICE_MIN = 1;
    static final String DEFAULT_CURRENCY = "CNY";
    /** Ten years, the same bound as the membership API's {@code days}. */
    static final int MEMBERSHIP_DAYS_MAX = 3650;

    public Product toProduct() {
        ProductKind parsedKind = parseKind();
        List<String> problems = Stream.of(skuProblem(), nameProblem(), kindProblem(parsedKind),
                        wholeNumberProblem("price", price, PRICE_MIN, PRICE_MAX), currencyProblem(), membershipDaysProblem(parsedKind),
                        optionalNumberProblem("orderQuantityMax", orderQuantityMax, 1, SaleLimits.ORDER_QUANTITY_MAX),
                        optionalNumberProblem("reservationSeconds", reservationSeconds,
                                SaleLimits.RESERVATION_SECONDS_MIN, SaleLimits.RESERVATION_SECONDS_MAX),
                        optionalNumberProblem("unpaidUnitsMax", unpaidUnitsMax, 1, SaleLimits.UNPAID_UNITS_MAX),
                        queuedProblem(parsedKind))
                .filter(Objects::nonNull)
                .toList();
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, String.join("; ", problems));
        }
        Integer days = membershipDays == null ? null : membershipDays.intValue();
        SaleLimits limits = new SaleLimits(intOrNull(orderQuantityMax), intOrNull(reservationSeconds),
                Boolean.TRUE.equals(flashSale), intOrNull(unpaidUnitsMax), Boolean.TRUE.equals(queued));
        return new Product(sku, name, parsedKind, price.longValue(), currency == null ? DEFAULT_CURRENCY : currency, days, limits);
    }

    private static Integer intOrNull(Number value) {
        return value == null ? null : value.intValue();
    }

    private static String optionalNumberProblem(String field, Number value, long min, long max) {
        return value == null ? null : wholeNumberProblem(field, value, min, max);
    }

    static boolean isValidSku(String candidate) {
        return candidate != null && SKU.matcher(candidate).matches();
    }

    private ProductKind parseKind() {
        return Stream.of(ProductKind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null);
    }

    private String skuProblem() {
        return isValidSku(sku) ? null : "sku must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'";
    }

    private String nameProblem() {
        if (name == null) {
            return "name is required";
        }
        int length = name.codePointCount(0, name.length());
        if (length > NAME_LENGTH_MAX || name.isBlank()) {
            return "name must be 1 to " + NAME_LENGTH_MAX + " characters and not blank";
        }
        // PostgreSQL text cannot hold NUL, and a lone surrogate would be stored as '?': refuse both.
        boolean unprintable = name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
        return unprintable ? "name must not contain control characters or unpaired surrogates" : null;
    }

    private String kindProblem(ProductKind parsedKind) {
        return parsedKind != null ? null : "kind must be CARD_KEY or MEMBERSHIP";
    }

    /** Only card keys have stock to wait for; the table's CHECK says the same. */
    private String queuedProblem(ProductKind parsedKind) {
        return Boolean.TRUE.equals(queued) && parsedKind == ProductKind.MEMBERSHIP ? "queued is only for CARD_KEY products" : null;
    }

    private String currencyProblem() {
        if (currency == null) {
            return null;
        }
        // Currency.getInstance itself refuses anything but an ISO 4217 code (three capitals).
        try {
            Currency.getInstance(currency);
            return null;
        } catch (IllegalArgumentException notIso) {
            return "currency must be an ISO 4217 code in capitals, such as CNY or USD";
        }
    }

    private String membershipDaysProblem(ProductKind parsedKind) {
        return switch (parsedKind) {
            case null -> null;
            case MEMBERSHIP -> membershipDays == null
                    ? "membershipDays is required for MEMBERSHIP products"
                    : wholeNumberProblem("membershipDays", membershipDays, 1, MEMBERSHIP_DAYS_MAX);
            case CARD_KEY -> membershipDays == null ? null : "membershipDays is only for MEMBERSHIP products";
        };
    }

    /**
     * JSON integers arrive as Integer or Long, or as BigInteger when they do not fit a long (so
     * always out of range); 19.99 or 1e3 arrive as something else.
     */
    private static String wholeNumberProblem(String field, Number value, long min, long max) {
        String range = field + " must be between " + min + " and " + max;
        return switch (value) {
            case null -> field + " is required";
            case Integer i -> i >= min && i <= max ? null : range;
            case Long l -> l >= min && l <= max ? null : range;
            case BigInteger big -> range;
            default -> field + " must be a whole number" + ("price".equals(field) ? " of minor units (1999 means 19.99)" : "");
        };
    }
}
