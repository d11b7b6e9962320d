package io.payonce.client.model;

import java.util.List;

/** What a card-key rotation did. */
public record CardKeyRotation(int activeVersion, Integer previousVersion, boolean keyGenerated, long reencrypted, long remaining,
                              java.util.Map<String, Long> rowsByVersion, List<Long> unreadableIds) {
}
