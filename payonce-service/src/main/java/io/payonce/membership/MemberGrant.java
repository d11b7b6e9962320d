package io.payonce.membership;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** A membership as one grant left it: the {@code data} of a createOrRenewMember answer. */
public record MemberGrant(String memberId, String systemId, String userId, Instant expiresAt) {

    /** The answer's {@code data}, times as RFC 3339 UTC strings (whole seconds). */
    public Data data() {
        return new Data(memberId, systemId, userId, DateTimeFormatter.ISO_INSTANT.format(expiresAt));
    }

    record Data(String memberId, String systemId, String userId, String expiresAt) {
    }
}
