package io.payonce.client.model;

/** What an import of card-key codes did. */
public record CardKeyImport(int imported, int duplicates) {
}
