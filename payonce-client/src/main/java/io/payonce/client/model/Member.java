package io.payonce.client.model;

import java.time.Instant;

/** A member's membership; active means expiresAt is in the future. */
public record Member(String memberId, String systemId, String userId, Instant expiresAt, boolean active) {
}
