package io.payonce.products;

import java.math.BigInteger;
import java.util.Objects;
import java.util.stream.Stream;

import io.payonce.common.Refusal;

/**
 * The body of {@code PATCH /v1/admin/products/{sku}}: a new name and/or price, for orders created
 * from now on. An order keeps the amount it was created with ({@code orders.amount}), so what a
 * buyer was charged, and what may be refunded, never changes with the product. The kind, currency
 * and membership days stay as created: stock, stored amounts and granted days are counted in them.
 */
public record UpdateProductRequest(String name, Number price) {

    /** The change, checked; refused with every problem found, or when it changes nothing. */
    public Change toChange() {
        String problems = String.join("; ", Stream.of(nameProblem(), priceProblem()).filter(Objects::nonNull).toList());
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, problems);
        }
        if (name == null && price == null) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "Send name, price or both");
        }
        return new Change(name, price == null ? null : price.longValue());
    }

    /** What to set; a null field stays as it is. */
    public record Change(String name, Long price) {
    }

    private String nameProblem() {
        if (name == null) {
            return null;
        }
        int length = name.codePointCount(0, name.length());
        if (length > CreateProductRequest.NAME_LENGTH_MAX || name.isBlank()) {
            return "name must be 1 to " + CreateProductRequest.NAME_LENGTH_MAX + " characters and not blank";
        }
        boolean unprintable = name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
        return unprintable ? "name must not contain control characters or unpaired surrogates" : null;
    }

    private String priceProblem() {
        String range = "price must be between " + CreateProductRequest.PRICE_MIN + " and " + CreateProductRequest.PRICE_MAX;
        return switch (price) {
            case null -> null;
            // An Integer is always below PRICE_MAX: one check on long serves both (no bound that can never bite).
            case Integer i -> within(i.longValue()) ? null : range;
            case Long l -> within(l) ? null : range;
            case BigInteger big -> range;
            default -> "price must be a whole number of minor units (1999 means 19.99)";
        };
    }

    private static boolean within(long price) {
        return price >= CreateProductRequest.PRICE_MIN && price <= CreateProductRequest.PRICE_MAX;
    }
}
