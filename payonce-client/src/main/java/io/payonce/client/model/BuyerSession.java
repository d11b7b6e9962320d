package io.payonce.client.model;

import java.time.Instant;

/** A buyer session: its bearer token and when it expires. */
public record BuyerSession(String buyerToken, Instant expiresAt) {
}
