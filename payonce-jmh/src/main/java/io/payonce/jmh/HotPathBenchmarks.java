package io.payonce.jmh;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.payonce.idempotency.IdempotencyKeys;
import io.payonce.signing.CanonicalString;
import io.payonce.signing.RsaSignatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure-Java work every payment or renewal request pays for before it reaches the database:
 * the idempotency fingerprint (a canonical JSON body hashed with SHA-256), the membership API's
 * canonical string, and SHA256withRSA signing (the bench's and a system's side) and verifying
 * (payonce's side of every renewal). Average time per call, in microseconds.
 *
 * <p>On 2 shared cores one fork of a few iterations gives a wide error: the defaults below use
 * three forks; report the error JMH prints with the score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HotPathBenchmarks {

    /** A create-order body as the bench and the storefront send it. */
    private static final byte[] ORDER_BODY = """
            {"sku":"flash-7f3a","quantity":1,"buyer":{"email":"buyer-1234@example.com","userId":"u-1234"}}"""
            .getBytes(StandardCharsets.UTF_8);

    /** A membership renewal's fields, as a system sends them. */
    private static final Map<String, String> RENEWAL = new LinkedHashMap<>();

    static {
        RENEWAL.put("systemId", "sys_01m8pjnj1fxjmx1jv1p6k66ghj");
        RENEWAL.put("userId", "member-000123");
        RENEWAL.put("orderNo", "renew-6e233d0f-000000123");
        RENEWAL.put("days", "30");
        RENEWAL.put("timestamp", "1796000000000");
        RENEWAL.put("nonce", "c5b1f1a0d3e24e0c9b7f");
        RENEWAL.put("sign", "ignored-by-the-canonical-string");
    }

    private KeyPair keys;
    private String canonical;
    private String signature;

    @Setup
    public void setUp() {
        keys = RsaSignatures.generate(2048);
        canonical = CanonicalString.MEMBERSHIP.of(RENEWAL);
        signature = RsaSignatures.sign(canonical, keys.getPrivate());
    }

    @Benchmark
    public byte[] fingerprintOrderRequest() {
        return IdempotencyKeys.fingerprint("POST", "/v1/orders", ORDER_BODY);
    }

    @Benchmark
    public String canonicalRenewalString() {
        return CanonicalString.MEMBERSHIP.of(RENEWAL);
    }

    @Benchmark
    public String signRenewal() {
        return RsaSignatures.sign(canonical, keys.getPrivate());
    }

    @Benchmark
    public boolean verifyRenewal() {
        return RsaSignatures.verify(canonical, signature, keys.getPublic());
    }
}
