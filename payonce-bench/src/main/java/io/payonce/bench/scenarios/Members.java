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
    private PrivateKey privateKey;

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
        Reply reply = context.http().sendUnrecorded(Call.get("setup", "/api/member/" + systemId + "/" + user).asEnvelope());
        if (!reply.ok()) {
            throw new IllegalStateException("reading seeded member " + user + " answered " + reply.cause() + ": " + reply.body());
        }
        context.journal().memberBaseline(systemId, user, Instant.parse(reply.json().path("data").path("expiresAt").asString()));
    }

    /** One renewal of the pool's next user; journaled as sent, and as acknowledged on code 0. */
    boolean renew(Session session, int days) {
        long sequence = session.sequence();
        String user = users.get((int) (sequence % users.size()));
        String orderNo = "n-" + context.runId() + "-" + sequence;
        Journal.MemberCall call = new Journal.MemberCall(systemId, orderNo, user, days);
        context.journal().memberSent(call);
        Reply reply = context.http().send(session, renewCall(user, orderNo, days, "nonce-" + orderNo));
        if (reply.ok()) {
            context.journal().memberAcknowledged(call);
        }
        return reply.ok();
    }

    private Call renewCall(String userId, String orderNo, int days, String nonce) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("days", days);
        fields.put("nonce", nonce);
        fields.put("orderNo", orderNo);
        fields.put("systemId", systemId);
        fields.put("timestamp", System.currentTimeMillis());
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
