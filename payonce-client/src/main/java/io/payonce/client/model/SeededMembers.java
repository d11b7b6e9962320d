package io.payonce.client.model;

/** What seeding members did (sandbox test helper). */
public record SeededMembers(String systemId, int requested, int created, int existing, String firstUserId, String lastUserId) {
}
