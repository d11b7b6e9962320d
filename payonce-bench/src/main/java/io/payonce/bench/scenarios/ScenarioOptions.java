package io.payonce.bench.scenarios;

import java.util.Map;

/**
 * Knobs of the scenarios, with the CLI's defaults.
 *
 * @param usersPool   existing members that member-renew cycles through
 * @param dupFactor   concurrent copies of each request in duplicate-storm
 * @param flashStock  card keys on sale in flash-sale: little, so most buyers hear sold_out
 * @param stockHint   card keys imported for the other scenarios: enough for the whole run
 * @param channel     the simulated channel payments go through
 * @param keyBits     RSA key size of the bench's membership system
 * @param weights     the blend of mixed, by operation name
 * @param path        what http-get requests
 * @param presign     renewals signed before the load (see Members#presign)
 * @param hoarders    clients that reserve and never pay, next to flash-sale's and mixed's buyers (see Hoarders)
 * @param queued      flash-sale's product is queued (issue 10): buyers are answered 202 and only order
 */
public record ScenarioOptions(int usersPool, int dupFactor, int flashStock, long stockHint, String channel,
                              int keyBits, Map<String, Integer> weights, String path, int presign, int hoarders,
                              boolean queued) {

    /** Options whose flash sale reserves stock at once. */
    public ScenarioOptions(int usersPool, int dupFactor, int flashStock, long stockHint, String channel,
                           int keyBits, Map<String, Integer> weights, String path, int presign, int hoarders) {
        this(usersPool, dupFactor, flashStock, stockHint, channel, keyBits, weights, path, presign, hoarders, false);
    }

    /** A hoarder is one virtual thread and a buyer session; a thousand is already a botnet. */
    public static final int HOARDERS_MAX = 1_000;

    /** Options without hoarders. */
    public ScenarioOptions(int usersPool, int dupFactor, int flashStock, long stockHint, String channel,
                           int keyBits, Map<String, Integer> weights, String path, int presign) {
        this(usersPool, dupFactor, flashStock, stockHint, channel, keyBits, weights, path, presign, 0);
    }

    /** 200000 signed calls are about 140 MB and a few minutes of set-up: past that, sign on the fly. */
    public static final int PRESIGN_MAX = 200_000;

    /** mixed's blend, and every operation --weights knows (queued, off by default, orders a queued product). */
    public static final Map<String, Integer> DEFAULT_WEIGHTS =
            Map.of("browse", 40, "buy", 25, "duplicate", 10, "refund", 5, "cancel", 5, "renew", 15, "queued", 0);

    public ScenarioOptions {
        if (usersPool < 1 || usersPool > 100_000) {
            throw new IllegalArgumentException("--users-pool must be 1 to 100000");
        }
        if (dupFactor < 2 || dupFactor > 64) {
            throw new IllegalArgumentException("--dup-factor must be 2 to 64");
        }
        if (flashStock < 1 || stockHint < 1 || stockHint > 1_000_000) {
            throw new IllegalArgumentException("--stock must be at least 1 and at most 1000000");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("--path must start with /");
        }
        if (presign < 0 || presign > PRESIGN_MAX) {
            throw new IllegalArgumentException("--presign must be 0 to " + PRESIGN_MAX);
        }
        if (hoarders < 0 || hoarders > HOARDERS_MAX) {
            throw new IllegalArgumentException("--hoarders must be 0 to " + HOARDERS_MAX);
        }
        weights = Map.copyOf(weights);
        for (String op : weights.keySet()) {
            if (!DEFAULT_WEIGHTS.containsKey(op)) {
                throw new IllegalArgumentException("--weights knows " + DEFAULT_WEIGHTS.keySet() + ", not " + op);
            }
        }
    }

    public static ScenarioOptions defaults() {
        return new ScenarioOptions(2000, 8, 100, 20_000, "alipay", 2048, DEFAULT_WEIGHTS, "/actuator/health", 0);
    }
}
