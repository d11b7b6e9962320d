package io.payonce.cardkeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every stored card key to a new key version while the shop keeps selling. First the new
 * version becomes the one imports seal under (a conditional switch that waits for running imports);
 * then rows of older versions are opened and sealed again in small transactions, each row written
 * only if it is still at the version it was read at. Until the last row has moved both versions
 * are read, so deliveries never notice. Run again after an interruption, it resumes.
 */
@Service
public class CardKeyRotation {

    /** Rows per transaction: a batch holds its rows' locks for a few milliseconds, no longer than an order does. */
    static final int BATCH_ROWS = 200;
    /**
     * Rounds in a row in which every remaining old row was locked by an order, 50 ms apart: 10 s.
     * Orders hold rows for milliseconds, so only a stuck transaction lasts that long; the rotation
     * then stops and reports what is left instead of waiting without end.
     */
    private static final int LOCKED_ROUNDS_MAX = 200;
    private static final long LOCKED_PAUSE_MS = 50;
    /**
     * Rows that fail authentication (altered, or moved from another row) are left where they are and
     * reported; past this many the data is damaged beyond a few rows and the rotation stops.
     */
    static final int UNREADABLE_MAX = 1000;
    private static final Logger log = LoggerFactory.getLogger(CardKeyRotation.class);

    /** What a rotation request came to. */
    public sealed interface Outcome {
    }

    /**
     * Rows now sealed under {@code activeVersion}; {@code remaining} rows of older versions are left
     * (0 when finished), among them {@code unreadableIds}, rows whose ciphertext failed authentication
     * (altered, or copied from another row: see the log); {@code rowsByVersion} counts every version afterwards.
     */
    public record Rotated(int previousVersion, int activeVersion, boolean keyGenerated, long reencrypted, long remaining,
                          List<Long> unreadableIds, Map<Integer, Long> rowsByVersion) implements Outcome {
    }

    /** Nothing newer to rotate to: with configured keys the operator must first add the next version on every instance. */
    public record NeedsNewKey(int activeVersion) implements Outcome {
    }

    /** Another rotation is running (here, or on another instance that switched versions first): this one did nothing. */
    public record InProgress() implements Outcome {
    }

    private final CardKeyRows rows;
    private final CardKeyVersions versions;
    private final CardKeyKeyring keyring;
    private final CardKeyVault vault;
    private final TransactionTemplate transactions;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    CardKeyRotation(CardKeyRows rows, CardKeyVersions versions, CardKeyKeyring keyring, CardKeyVault vault,
                    TransactionTemplate transactions) {
        this.rows = rows;
        this.versions = versions;
        this.keyring = keyring;
        this.vault = vault;
        this.transactions = transactions;
    }

    /** What a rotation request does first, decided from the keyring and the rows. */
    private enum Step { SWITCH_TO_NEWER_KEY, RESUME, GENERATE_KEY, NEEDS_KEY }

    /**
     * Switches to the newest key version this instance has; when the active one is the newest,
     * finishes moving rows to it (an interrupted rotation, or rows from before key versions), and
     * only when nothing is left to move makes the next key (data folder) or asks for one
     * (configured keys). Then moves every row to the active version.
     */
    public Outcome rotate() {
        // A second request while one runs would, once the first is done, find nothing left and
        // rotate to yet another key: a double click must not do two rotations.
        if (!oneAtATime.tryLock()) {
            return new InProgress();
        }
        try {
            int previous = versions.active();
            Step step = nextStep(previous);
            boolean switched = switch (step) {
                case SWITCH_TO_NEWER_KEY -> switchTo(previous, keyring.newest());
                case GENERATE_KEY -> switchTo(previous, keyring.generateNext());
                case RESUME -> true;
                case NEEDS_KEY -> false;
            };
            if (step == Step.NEEDS_KEY) {
                return new NeedsNewKey(previous);
            }
            return switched ? moveRows(previous, step == Step.GENERATE_KEY) : new InProgress();
        } finally {
            oneAtATime.unlock();
        }
    }

    private Step nextStep(int active) {
        if (keyring.newest().version() > active) {
            return Step.SWITCH_TO_NEWER_KEY;
        }
        if (rows.countOlderThan(active) > 0) {
            return Step.RESUME;
        }
        return keyring.canGenerate() ? Step.GENERATE_KEY : Step.NEEDS_KEY;
    }

    private Rotated moveRows(int previous, boolean keyGenerated) {
        int active = versions.active();
        Set<Long> unreadable = new TreeSet<>();
        long reencrypted = reencryptAll(unreadable);
        long remaining = rows.countOlderThan(active);
        log.info("Card-key rotation: version {} -> {}, {} rows re-encrypted, {} left ({} unreadable)",
                previous, active, reencrypted, remaining, unreadable.size());
        return new Rotated(previous, active, keyGenerated, reencrypted, remaining, List.copyOf(unreadable), rows.countByKeyVersion());
    }

    /** Rows per key version now, and the active version. */
    public Map<Integer, Long> rowsByVersion() {
        return rows.countByKeyVersion();
    }

    public int activeVersion() {
        return versions.active();
    }

    /** False when another instance switched first: the conditional update found another active version. */
    private boolean switchTo(int previous, CardKeyCipher next) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            versions.register(next);
            return versions.activate(previous, next.version());
        }));
    }

    private long reencryptAll(Set<Long> unreadable) {
        long reencrypted = 0;
        int lockedRounds = 0;
        while (lockedRounds < LOCKED_ROUNDS_MAX && unreadable.size() < UNREADABLE_MAX) {
            int unreadableBefore = unreadable.size();
            Integer written = transactions.execute(status -> reencryptBatch(unreadable));
            reencrypted += written;
            if (written > 0 || unreadable.size() > unreadableBefore) {
                lockedRounds = 0;
            } else if (rows.countOlderThan(versions.active()) <= unreadable.size()) {
                return reencrypted;
            } else {
                lockedRounds++;
                pause();
            }
        }
        return reencrypted;
    }

    /** One transaction: the active version held FOR SHARE, so a concurrent switch waits for this batch. */
    private int reencryptBatch(Set<Long> unreadable) {
        CardKeyCipher active = vault.cipher(versions.activeForSealing());
        List<CardKeyRows.Resealed> resealed = new ArrayList<>();
        for (CardKeyRows.Stored stored : rows.lockOlderThan(active.version(), BATCH_ROWS, unreadable)) {
            try {
                resealed.add(vault.reseal(stored, active));
            } catch (IllegalStateException failedAuthentication) {
                // One damaged row must not stop the others from moving; it keeps its version and is reported.
                log.error("Card key {} of {} fails authentication under key version {}; left as it is: {}", stored.id(), stored.sku(),
                        stored.keyVersion(), failedAuthentication.getMessage());
                unreadable.add(stored.id());
            }
        }
        return resealed.isEmpty() ? 0 : rows.reseal(resealed);
    }

    private static void pause() {
        try {
            Thread.sleep(LOCKED_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Card-key rotation interrupted; run it again to resume", e);
        }
    }
}
