package io.payonce.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredAnswerCodecTest {

    private static final byte[] FINGERPRINT = {1, 2, 3};

    @Test
    void an_answer_comes_back_exactly_as_it_was_written() {
        StoredResponse answer = new StoredResponse(201, "application/json", "{\"orderId\":\"ord_1\"}".getBytes(StandardCharsets.UTF_8));

        StoredResponse decoded = StoredAnswerCodec.decode(StoredAnswerCodec.encode(answer));

        assertThat(decoded.status()).isEqualTo(201);
        assertThat(decoded.contentType()).isEqualTo("application/json");
        assertThat(decoded.body()).isEqualTo(answer.body());
    }

    @Test
    void no_content_type_and_no_body_stay_null_while_empty_ones_stay_empty() {
        StoredResponse none = StoredAnswerCodec.decode(StoredAnswerCodec.encode(new StoredResponse(204, null, null)));
        StoredResponse empty = StoredAnswerCodec.decode(StoredAnswerCodec.encode(new StoredResponse(200, "", new byte[0])));

        assertThat(none.status()).isEqualTo(204);
        assertThat(none.contentType()).isNull();
        assertThat(none.body()).isNull();
        assertThat(empty.contentType()).isEmpty();
        assertThat(empty.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void seeded_random_answers_round_trip_byte_for_byte(long seed) {
        Random random = new Random(seed);
        byte[] body = new byte[random.nextInt(4096)];
        random.nextBytes(body);
        String type = random.nextBoolean() ? null : "application/problem+json; charset=" + random.nextInt(1000);
        StoredResponse answer = new StoredResponse(100 + random.nextInt(500), type, body);

        StoredResponse decoded = StoredAnswerCodec.decode(StoredAnswerCodec.encode(answer));

        assertThat(decoded.status()).isEqualTo(answer.status());
        assertThat(decoded.contentType()).isEqualTo(type);
        assertThat(decoded.body()).isEqualTo(body);
    }

    @Test
    void the_cache_key_is_a_sha256_in_hex_and_the_same_for_the_same_request() {
        String key = StoredAnswerCodec.cacheKey(new IdempotentRequest("createOrder buyer:a", "k-1", FINGERPRINT));

        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(StoredAnswerCodec.cacheKey(new IdempotentRequest("createOrder buyer:a", "k-1", new byte[] {1, 2, 3}))).isEqualTo(key);
    }

    @Test
    void another_caller_key_or_request_never_shares_a_cache_key() {
        List<IdempotentRequest> requests = List.of(
                new IdempotentRequest("createOrder buyer:a", "k-1", FINGERPRINT),
                new IdempotentRequest("createOrder buyer:b", "k-1", FINGERPRINT),
                new IdempotentRequest("createOrder buyer:a", "k-2", FINGERPRINT),
                new IdempotentRequest("createOrder buyer:a", "k-1", new byte[] {1, 2, 4}),
                new IdempotentRequest("payOrder buyer:a", "k-1", FINGERPRINT),
                // The same characters split differently between scope and key.
                new IdempotentRequest("createOrder buyer:ak", "-1", FINGERPRINT),
                new IdempotentRequest("createOrder buyer:a", "k-1" + "\u0001\u0002", new byte[] {3}));

        Set<String> keys = new HashSet<>();
        requests.forEach(request -> keys.add(StoredAnswerCodec.cacheKey(request)));

        assertThat(keys).hasSize(requests.size());
    }
}
