package io.payonce.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. The admin token holds every scope. */
public enum Scope {
    /** Products and card-key stock. */
    CATALOG("catalog"),
    /** Read any order, its payments, refunds and delivered card keys. */
    ORDERS_READ("orders:read"),
    /** Create, pay and cancel any order. */
    ORDERS_WRITE("orders:write"),
    /** Refund a paid order: money leaves, so never granted to a buyer. */
    REFUNDS("refunds"),
    /** Membership lookups. */
    MEMBERS("members"),
    /** API keys and calling systems: a key with it can mint any other key. */
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The scope as clients write it: {@code orders:read}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> parse(String wireName) {
        String wanted = wireName == null ? "" : wireName.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(wanted)).findFirst();
    }

    /** The stored form: wire names separated by one space, in declaration order. */
    static String format(Set<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::wireName).collect(Collectors.joining(" "));
    }

    static Set<Scope> parseStored(String stored) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : stored.split(" ")) {
            // A scope a newer version wrote and this one does not know grants nothing here.
            parse(name).ifPresent(scopes::add);
        }
        return scopes;
    }
}
