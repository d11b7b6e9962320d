package io.payonce.access;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 10's one-time submit tokens: the first use creates the order, every later use (also a
 * concurrent one) gets that order back and never a second one, and every token that is not the
 * caller's live one is refused with nothing changed.
 */
@IntegrationTest
class SubmitTokensIT {

    private static final int RACERS = 16;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api anonymous;
    Shop alice;
    Shop mallory;
    String sku;

    @BeforeEach
    void setUp() {
        anonymous = new Api(port);
        alice = new Shop(anonymous);
        mallory = new Shop(anonymous);
        sku = alice.stockedSku("submit", 1500, 40);
        // Both buyers' sessions exist before any test counts rows.
        alice.buyerAuthorization();
        mallory.buyerAuthorization();
    }

    @Test
    void the_first_use_creates_the_order_and_a_second_use_replays_it() {
        String token = issue(alice.api());
        long ordersBefore = count("orders");

        Api.Answer first = submit(alice.api(), token, orderBody(1));
        Api.Answer second = submit(alice.api(), token, orderBody(1));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(count("orders")).isEqualTo(ordersBefore + 1);
    }

    @Test
    void a_token_used_at_once_by_many_requests_makes_exactly_one_order() throws Exception {
        String token = issue(alice.api());
        long ordersBefore = count("orders");

        List<Api.Answer> answers = race(() -> submit(alice.api(), token, orderBody(2)));

        List<String> created = answers.stream().filter(a -> a.status() == 201).map(a -> a.json().get("orderId").asString()).distinct().toList();
        assertThat(created).hasSize(1);
        // A racer that arrived while the first was running is told to retry (or waits for its answer): never a second order.
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(201, 409));
        answers.stream().filter(a -> a.status() == 409).forEach(a -> assertProblem(a, 409, "idempotency_key_in_use"));
        assertThat(count("orders")).isEqualTo(ordersBefore + 1);
        assertThat(reservedKeys()).isEqualTo(2);
        Api.Answer later = submit(alice.api(), token, orderBody(2));
        assertThat(later.json().get("orderId").asString()).isEqualTo(created.getFirst());
    }

    @Test
    void a_used_token_still_replays_its_order_after_it_expired() {
        String token = issue(alice.api());
        Api.Answer first = submit(alice.api(), token, orderBody(1));
        expire(token);

        Api.Answer replay = submit(alice.api(), token, orderBody(1));

        assertThat(replay.status()).as(replay.body()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
    }

    @Test
    void a_used_token_sent_with_another_body_is_refused_as_a_reused_key() {
        String token = issue(alice.api());
        submit(alice.api(), token, orderBody(1));
        Map<String, Long> before = RowCounts.of(jdbc);

        assertProblem(submit(alice.api(), token, orderBody(3)), 422, "idempotency_key_reused");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void unknown_malformed_expired_and_someone_elses_tokens_are_refused_and_change_nothing() {
        String alicesToken = issue(alice.api());
        String expired = issue(alice.api());
        expire(expired);
        // "st_" + 12-character id + "_": the secret after it may itself hold '_'.
        String forged = alicesToken.substring(0, 16) + "A".repeat(43);
        String unknown = "st_zzzzzzzzzzzz_" + alicesToken.substring(16);
        Api merchant = alice.merchant();
        Map<String, Long> before = RowCounts.of(jdbc);
        String unusedBefore = usedMarks();

        assertProblem(submit(alice.api(), unknown, orderBody(1)), 400, "submit_token_invalid");
        assertProblem(submit(alice.api(), forged, orderBody(1)), 400, "submit_token_invalid");
        assertProblem(submit(alice.api(), "not-a-token", orderBody(1)), 400, "submit_token_invalid");
        assertProblem(submit(alice.api(), "st_" + "x".repeat(200), orderBody(1)), 400, "submit_token_invalid");
        assertProblem(submit(alice.api(), expired, orderBody(1)), 400, "submit_token_invalid");
        // Mallory, another buyer, and the merchant's own API key cannot spend Alice's token.
        assertProblem(submit(mallory.api(), alicesToken, orderBody(1)), 400, "submit_token_invalid");
        assertProblem(submit(merchant, alicesToken, orderBody(1)), 400, "submit_token_invalid");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(usedMarks()).isEqualTo(unusedBefore);
        // Refused elsewhere, the token still works for Alice.
        assertThat(submit(alice.api(), alicesToken, orderBody(1)).status()).isEqualTo(201);
    }

    @Test
    void a_token_stolen_from_alice_does_not_replay_her_order_to_mallory() {
        String token = issue(alice.api());
        Api.Answer first = submit(alice.api(), token, orderBody(1));
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer stolen = submit(mallory.api(), token, orderBody(1));

        assertProblem(stolen, 400, "submit_token_invalid");
        assertThat(stolen.body()).doesNotContain(first.json().get("orderId").asString());
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void a_token_and_an_idempotency_key_together_are_refused() {
        String token = issue(alice.api());
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer both = alice.api().post("/v1/orders", orderBody(1), Map.of("Submit-Token", token, "Idempotency-Key", "k-1"));

        assertProblem(both, 400, "submit_token_with_idempotency_key");
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(usedMark(token)).isNull();
    }

    @Test
    void only_a_caller_who_may_create_orders_gets_a_token() {
        Map<String, Long> before = RowCounts.of(jdbc);
        long tokensBefore = count("submit_tokens");

        assertProblem(anonymous.post("/v1/submit-tokens", null), 401, "credentials_missing");
        assertProblem(anonymous.bearer("bs_aaaaaaaaaaaa_" + "B".repeat(43)).post("/v1/submit-tokens", null), 401, "credentials_invalid");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(count("submit_tokens")).isEqualTo(tokensBefore);
        // A merchant's API key with orders:write may, and its token is its own.
        String merchantToken = issue(alice.merchant());
        assertThat(submit(alice.merchant(), merchantToken, orderBody(1)).status()).isEqualTo(201);
    }

    private String issue(Api caller) {
        Api.Answer issued = caller.post("/v1/submit-tokens", null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        assertThat(issued.json().get("expiresAt").asString()).isNotBlank();
        return issued.json().get("submitToken").asString();
    }

    private static Api.Answer submit(Api caller, String token, String body) {
        return caller.post("/v1/orders", body, Map.of("Submit-Token", token));
    }

    private String orderBody(int quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"buyer\":{\"userId\":\"buyer-1\",\"email\":\"buyer@example.com\"}}";
    }

    private List<Api.Answer> race(java.util.concurrent.Callable<Api.Answer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            List<Future<Api.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }

    private void expire(String token) {
        jdbc.sql("UPDATE submit_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE id = :id")
                .param("id", idOf(token)).update();
    }

    private String usedMark(String token) {
        return jdbc.sql("SELECT first_used_at::text FROM submit_tokens WHERE id = :id").param("id", idOf(token))
                .query(String.class).optional().orElse(null);
    }

    private String usedMarks() {
        return jdbc.sql("SELECT count(first_used_at)::text FROM submit_tokens").query(String.class).single();
    }

    private static String idOf(String token) {
        return token.split("_")[1];
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private long reservedKeys() {
        return jdbc.sql("SELECT count(*) FROM card_keys WHERE sku = :sku AND status = 'RESERVED'")
                .param("sku", sku).query(Long.class).single();
    }
}
