package io.payonce.client.model;

/** Card-key encryption: the active key version and how many rows each version encrypts. */
public record CardKeyVersions(int activeVersion, java.util.Map<String, Long> rowsByVersion) {
}
