package io.payonce.cardkeys;

import org.springframework.stereotype.Component;

/**
 * Encryption at rest for the other secrets payonce must read back (webhook signing secrets), with
 * the card-key keyring: the same keys, versions, backups and start-up checks, and a label of their
 * own so a sealed secret never opens as a card key or in another row. A secret is sealed under the
 * database's active version and opened with the version stored beside it, so a rotation's new key
 * seals new secrets while older ones stay readable as long as their version is in the keyring.
 */
@Component
public class SecretSealing {

    /** A sealed secret and the key version it was sealed under; store both. */
    public record Sealed(int keyVersion, byte[] cipher) {
    }

    private final CardKeyKeyring keyring;
    private final CardKeyVersions versions;

    SecretSealing(CardKeyKeyring keyring, CardKeyVersions versions) {
        this.keyring = keyring;
        this.versions = versions;
    }

    /** {@code context} names where the secret is kept (table and row id); opening needs the same. */
    public Sealed seal(String secret, String context) {
        CardKeyCipher cipher = keyring.version(versions.active());
        return new Sealed(cipher.version(), cipher.sealSecret(secret, context));
    }

    /** Fails when the bytes were altered, moved from another row, or sealed under another key. */
    public String open(Sealed sealed, String context) {
        return keyring.version(sealed.keyVersion()).openSecret(sealed.cipher(), context);
    }
}
