package io.payonce.cardkeys;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every version of the card-key encryption key this instance knows: new codes are sealed under
 * the version the database names active (normally the newest), and each stored code is opened with
 * the version written on its row. Old versions stay until no row needs them.
 */
final class CardKeyKeyring {

    /** Where the keys come from, which decides whether a rotation can make the next one itself. */
    enum Source { CONFIGURED, DATA_FOLDER, EPHEMERAL }

    private final Source source;
    private final CardKeyFiles files;
    private final ReentrantLock generating = new ReentrantLock();
    private volatile NavigableMap<Integer, CardKeyCipher> ciphers;

    CardKeyKeyring(Source source, Map<Integer, byte[]> keys, CardKeyFiles files) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A keyring needs at least one key");
        }
        if ((source == Source.DATA_FOLDER) != (files != null)) {
            throw new IllegalArgumentException("Key files go with the data-folder source only");
        }
        NavigableMap<Integer, CardKeyCipher> byVersion = new TreeMap<>();
        keys.forEach((version, key) -> byVersion.put(version, new CardKeyCipher(version, key)));
        this.source = source;
        this.files = files;
        this.ciphers = Collections.unmodifiableNavigableMap(byVersion);
    }

    Source source() {
        return source;
    }

    /** The cipher of {@code version}; a version this instance lacks is a configuration error, named with the setting. */
    CardKeyCipher version(int version) {
        CardKeyCipher cipher = ciphers.get(version);
        if (cipher == null) {
            throw new IllegalStateException("Card keys sealed under key version " + version + " cannot be read: this instance's "
                    + "keyring has versions " + ciphers.keySet() + " (" + CardKeyConfig.KEY_SETTING + ")");
        }
        return cipher;
    }

    boolean has(int version) {
        return ciphers.containsKey(version);
    }

    CardKeyCipher newest() {
        return ciphers.lastEntry().getValue();
    }

    Collection<CardKeyCipher> all() {
        return ciphers.values();
    }

    /** True when a rotation may create the next key itself: only keys kept in the data folder. */
    boolean canGenerate() {
        return source == Source.DATA_FOLDER;
    }

    /** Writes the next version's key file and adds it; the file exists (fsynced) before anything is sealed under it. */
    CardKeyCipher generateNext() {
        if (!canGenerate()) {
            throw new IllegalStateException("Only a keyring kept in the data folder makes its own keys; this one is " + source);
        }
        generating.lock();
        try {
            int next = ciphers.lastKey() + 1;
            CardKeyCipher cipher = new CardKeyCipher(next, files.create(next));
            NavigableMap<Integer, CardKeyCipher> grown = new TreeMap<>(ciphers);
            grown.put(next, cipher);
            ciphers = Collections.unmodifiableNavigableMap(grown);
            return cipher;
        } finally {
            generating.unlock();
        }
    }
}
