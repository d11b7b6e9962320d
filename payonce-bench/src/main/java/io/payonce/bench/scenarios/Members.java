package io.payonce.bench.scenarios;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.Call;
import io.payonce.bench.load.Reply;
import io.payonce.bench.load.Session;

/**
 * A membership system as a real integrator runs it: its own RSA key pair, its public key
 * registered with payonce, every createOrRenewMember signed with its private key, a fresh nonce
 * per request, and a pool of users that already exist (seeded before the load).
 */
final class Members {

    /** Baselines are read this many at a time: quick, without turning set-up into a load test. */
    private static final int SEED_CONCURRENCY = 16;
    /** Days granted when a user is seeded: keeps every baseline expiry in the future during the run. */
    static final int SEED_DAYS = 30;

    private final ScenarioContext context;
    private final Shop shop;
    private final String systemId;
    private final List<String> users = new ArrayList<>();
    /** The service refuses timestamps more than 5 minutes off; pre-signed calls older than 4 are signed afresh. */
    private static final long PRESIGNED_AGE_MAX_MS = 4 * 60_000;

    private PrivateKey privateKey;
    private volatile Call[] presigned = new Call[0];
    private volatile long presignedAtMillis;

    Members(ScenarioContext context, Shop shop) {
        this.context = context;
        this.shop = shop;
        this.systemId = "bench-" + context.runId();
    }

    /**
     * Registers the system's public key, seeds the user pool through the admin API (members for
     * {@value #SEED_DAYS} days, so every renewal during the run extends a future expiry), and
     * records each user's expiry before the load: the audit's baseline.
     */
    void prepare() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(context.options().keyBits());
        KeyPair pair = generator.generateKeyPair();
        privateKey = pair.getPrivate();
        shop.admin(Call.postJson("setup", "/v1/admin/systems", Json.of("systemId", systemId, "publicKeyPem", pem(pair))), 201);
        String prefix = "u-" + context.runId() + "-";
        shop.admin(Call.postJson("setup", "/v1/admin/systems/" + systemId + "/members/seed",
                Json.of("count", context.options().usersPool(), "days", SEED_DAYS, "userIdPrefix", prefix)), 200);
        for (int i = 1; i <= context.options().usersPool(); i++) {
            users.add(prefix + i);
        }
        recordBaselines();
    }

    private void recordBaselines() throws Exception {
        Semaphore slots = new Semaphore(SEED_CONCURRENCY);
        List<Future<?>> reads = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String user : users) {
                slots.acquire();
                reads.add(executor.submit(() -> {
                    try {
                        recordBaseline(user);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        }
    }

    private void recordBaseline(String user) {
        Reply reply = context.http().sendUnrecorded(Call.get("setup", "/api/member/" + systemId + "/" + user)
                .header("Authorization", "Bearer " + context.adminToken()).asEnvelope());
        if (!reply.ok()) {
            throw new IllegalStateException("reading seeded member " + user + " answered " + reply.cause() + ": " + reply.body());
        }
        context.journal().memberBaseline(systemId, user, Instant.parse(reply.json().path("data").path("expiresAt").asString()));
    }

    /**
     * Signs the renewals of iterations {@code 0..count-1} that {@code renews} selects, before the
     * load, on every core. An RSA-2048 signature costs the harness about a millisecond of CPU;
     * on a two-core machine shared with the service, signing during the load would take that CPU
     * from the service being measured. A real client signs on its own machine.
     */
    void presign(int count, LongPredicate renews) {
        long at = System.currentTimeMillis();
        Call[] calls = new Call[count];
        IntStream.range(0, count).parallel().filter(renews::test).forEach(i -> calls[i] = renewCall(i, at));
        presignedAtMillis = at;
        presigned = calls;
    }

    /** The renewal of the iteration's user; journaled as sent, and as acknowledged on code 0. */
    boolean renew(Session session) {
        long sequence = session.sequence();
        Journal.MemberCall call = new Journal.MemberCall(systemId, orderNo(sequence), userFor(sequence), daysFor(sequence));
        context.journal().memberSent(call);
        Reply reply = context.http().send(session, callFor(sequence));
        if (reply.ok()) {
            context.journal().memberAcknowledged(call);
        }
        return reply.ok();
    }

    /** Days vary with the sequence (1 to 30), so a renewal applied to the wrong user or twice shows in the sums. */
    static int daysFor(long sequence) {
        return 1 + (int) (sequence % 30);
    }

    private String userFor(long sequence) {
        return users.get((int) (sequence % users.size()));
    }

    private String orderNo(long sequence) {
        return "n-" + context.runId() + "-" + sequence;
    }

    private Call callFor(long sequence) {
        Call[] calls = presigned;
        boolean fresh = System.currentTimeMillis() - presignedAtMillis < PRESIGNED_AGE_MAX_MS;
        if (fresh && sequence < calls.length && calls[(int) sequence] != null) {
            return calls[(int) sequence];
        }
        return renewCall(sequence, System.currentTimeMillis());
    }

    private Call renewCall(long sequence, long timestampMillis) {
        return renewCall(userFor(sequence), orderNo(sequence), daysFor(sequence), "nonce-" + orderNo(sequence), timestampMillis);
    }

    private Call renewCall(String userId, String orderNo, int days, String nonce, long timestampMillis) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("days", days);
        fields.put("nonce", nonce);
        fields.put("orderNo", orderNo);
        fields.put("systemId", systemId);
        fields.put("timestamp", timestampMillis);
        fields.put("userId", userId);
        fields.put("sign", sign(canonical(fields)));
        return Call.postJson("renew", "/api/member/createOrRenewMember", Json.of(flatten(fields))).asEnvelope();
    }

    /** Every non-empty field but {@code sign}, as key=value sorted by key, joined with '&'. */
    static String canonical(Map<String, Object> fields) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(fields).forEach((key, value) -> {
            if (!key.equals("sign") && value != null && !value.toString().isEmpty()) {
                canonical.append(canonical.isEmpty() ? "" : "&").append(key).append('=').append(value);
            }
        });
        return canonical.toString();
    }

    private String sign(String canonical) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static Object[] flatten(Map<String, Object> fields) {
        List<Object> flat = new ArrayList<>();
        fields.forEach((key, value) -> {
            flat.add(key);
            flat.add(value);
        });
        return flat.toArray();
    }

    String systemId() {
        return systemId;
    }
}
