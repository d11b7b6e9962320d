package io.payonce.client.model;

import java.time.Instant;

/** The membership after a create-or-renew. */
public record MemberGrant(String memberId, String systemId, String userId, Instant expiresAt) {
}
