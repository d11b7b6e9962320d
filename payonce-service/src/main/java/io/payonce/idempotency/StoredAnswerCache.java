package io.payonce.idempotency;

import java.time.Duration;
import java.util.Optional;

import io.payonce.coordination.CoordinationProperties;
import io.payonce.coordination.RedisGuard;
import io.payonce.config.PayonceProperties;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Final answers of idempotent requests, copied into Redis after PostgreSQL first served one as a
 * replay, so a client retrying in a loop costs a Redis GET instead of a database transaction.
 * PostgreSQL stays the truth: only DONE answers are cached, and they never change; a miss, a
 * flush, a lost Redis or an open breaker all mean "ask PostgreSQL", which answers exactly as
 * before. The Redis key is a hash of the scope (operation and caller), the key and the request's
 * fingerprint, so a lookup can only find the answer to this very request by this very caller;
 * any other request misses and goes to PostgreSQL, which refuses it as before. Off without Redis.
 */
@Component
public class StoredAnswerCache {

    private static final String USE = "answer_cache";

    private final RedissonClient redisson;
    private final RedisGuard guard;
    private final String keyPrefix;
    private final Duration ttl;

    StoredAnswerCache(ObjectProvider<RedissonClient> redisson, ObjectProvider<RedisGuard> guard, CoordinationProperties coordination,
                      PayonceProperties properties) {
        this.redisson = redisson.getIfAvailable();
        this.guard = guard.getIfAvailable();
        this.keyPrefix = coordination.redisKeyPrefix() + "answer:";
        this.ttl = properties.idempotency().answerCacheTtl();
    }

    /** The cached final answer to exactly this request, or empty (no Redis, a miss, Redis failing). */
    public Optional<StoredResponse> find(IdempotentRequest request) {
        if (redisson == null) {
            return Optional.empty();
        }
        return guard.call(USE, () -> Optional.ofNullable(redisson.<byte[]>getBucket(redisKey(request), ByteArrayCodec.INSTANCE).get())
                .map(StoredAnswerCodec::decode), Optional::empty);
    }

    /** Keeps a final answer PostgreSQL just served, for {@code ttl}; a failure only means the next replay asks PostgreSQL. */
    public void remember(IdempotentRequest request, StoredResponse answer) {
        if (redisson == null) {
            return;
        }
        guard.call(USE, () -> {
            redisson.<byte[]>getBucket(redisKey(request), ByteArrayCodec.INSTANCE).set(StoredAnswerCodec.encode(answer), ttl);
            return null;
        }, () -> null);
    }

    String redisKey(IdempotentRequest request) {
        return keyPrefix + StoredAnswerCodec.cacheKey(request);
    }
}
