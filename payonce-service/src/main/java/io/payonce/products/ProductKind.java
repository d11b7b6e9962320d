package io.payonce.products;

/** What a product delivers once paid: license codes from stock, or membership days. */
public enum ProductKind {
    CARD_KEY,
    MEMBERSHIP
}
