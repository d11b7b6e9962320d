package io.payonce.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The events payonce tells merchants about; {@link #wireName()} is the {@code type} they see and subscribe to. */
public enum EventType {
    ORDER_PAID("order.paid"),
    ORDER_DELIVERED("order.delivered"),
    ORDER_REFUNDED("order.refunded"),
    ORDER_EXPIRED("order.expired"),
    MEMBERSHIP_RENEWED("membership.renewed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> parse(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
