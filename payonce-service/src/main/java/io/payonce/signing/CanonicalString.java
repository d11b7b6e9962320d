package io.payonce.signing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The string a signed request's signature covers, written once for both signed APIs: every
 * non-empty field except the unsigned ones, as {@code key=value}, keys sorted ascending (by UTF-16
 * code unit, which is ASCII order for ASCII keys), joined with {@code &}. The two rules differ only
 * in which fields stay out.
 */
public enum CanonicalString {

    /** Membership calls ({@code createOrRenewMember}): everything but {@code sign}. */
    MEMBERSHIP(Set.of("sign")),
    /** Alipay-style gateway messages: {@code sign_type} names the algorithm and is not signed either. */
    GATEWAY(Set.of("sign", "sign_type"));

    private final Set<String> unsignedFields;

    CanonicalString(Set<String> unsignedFields) {
        this.unsignedFields = unsignedFields;
    }

    /** The canonical string of {@code fields} under this rule: {@code a=1&b=2}. */
    public String of(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(field -> !unsignedFields.contains(field.getKey()))
                .filter(field -> field.getValue() != null && !field.getValue().isEmpty())
                .map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining("&"));
    }
}
