package io.payonce.signing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The string a signed request's signature covers: every non-empty field except the unsigned ones,
 * as {@code key=value}, keys sorted ascending (by UTF-16 code unit, which is ASCII order for ASCII
 * keys), joined with {@code &}. (The gateways' own messages are signed and verified by their
 * official SDKs, in {@code channels.alipay} and {@code channels.wechat}.)
 */
public enum CanonicalString {

    /** Membership calls ({@code createOrRenewMember}): everything but {@code sign}. */
    MEMBERSHIP(Set.of("sign"));

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
