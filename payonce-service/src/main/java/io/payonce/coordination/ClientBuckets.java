package io.payonce.coordination;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * One token bucket per client address, in memory, for at most {@code clientsMax} addresses.
 * Two generations: lookups move an address into the current one, and when it fills up the
 * previous one (addresses not seen since) is dropped whole. That bounds memory in O(1) per
 * request without an LRU lock; a forgotten address merely starts again with a full bucket.
 */
public final class ClientBuckets {

    private final int generationMax;
    private final Supplier<Bucket> newBucket;
    private volatile ConcurrentHashMap<String, Bucket> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Bucket> previous = new ConcurrentHashMap<>();

    public ClientBuckets(int perSecond, int clientsMax) {
        this(clientsMax, () -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
    }

    /** {@code capacity} per address, coming back evenly over {@code window}: for limits counted per minutes, not per second. */
    public static ClientBuckets perWindow(int capacity, Duration window, int clientsMax) {
        return new ClientBuckets(clientsMax, () -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build());
    }

    ClientBuckets(int clientsMax, Supplier<Bucket> newBucket) {
        this.generationMax = Math.max(1, clientsMax / 2);
        this.newBucket = newBucket;
    }

    public Bucket forClient(String address) {
        ConcurrentHashMap<String, Bucket> now = current;
        Bucket bucket = now.get(address);
        if (bucket != null) {
            return bucket;
        }
        Bucket carried = previous.get(address);
        Bucket created = carried != null ? carried : newBucket.get();
        Bucket raced = now.putIfAbsent(address, created);
        if (now.size() > generationMax) {
            rotate(now);
        }
        return raced != null ? raced : created;
    }

    /** Addresses remembered now, in both generations (an address may briefly be in both). */
    int size() {
        return current.size() + previous.size();
    }

    private synchronized void rotate(ConcurrentHashMap<String, Bucket> full) {
        // Only the first thread to see this generation full rotates it; a racing request may
        // briefly get a second bucket for its address, which is a little lenient, never strict.
        if (current == full) {
            previous = full;
            current = new ConcurrentHashMap<>();
        }
    }
}
