package io.payonce.cardkeys;

import java.util.List;

import org.springframework.stereotype.Component;

/** Opens stored codes with the key version written on their row, and seals codes for a row. */
@Component
class CardKeyVault {

    private final CardKeyKeyring keyring;

    CardKeyVault(CardKeyKeyring keyring) {
        this.keyring = keyring;
    }

    /** The code of a stored row; fails when the bytes do not belong to this row, product and version. */
    String open(CardKeyRows.Stored stored) {
        if (stored.keyVersion() == 0) {
            return keyring.version(1).decryptUnbound(stored.cipher());
        }
        return keyring.version(stored.keyVersion()).decrypt(stored.cipher(), new CardKeyCipher.Row(stored.sku(), stored.id()));
    }

    /** The row's code sealed again under {@code cipher}'s version, bound to the same row. */
    CardKeyRows.Resealed reseal(CardKeyRows.Stored stored, CardKeyCipher cipher) {
        String code = open(stored);
        return new CardKeyRows.Resealed(stored.id(), stored.keyVersion(), cipher.version(), cipher.digest(code),
                cipher.encrypt(code, new CardKeyCipher.Row(stored.sku(), stored.id())));
    }

    CardKeyCipher cipher(int version) {
        return keyring.version(version);
    }

    /** Every other version's cipher: a code stored under an older key has its digest under that key. */
    List<CardKeyCipher> othersThan(int version) {
        return keyring.all().stream().filter(cipher -> cipher.version() != version).toList();
    }
}
