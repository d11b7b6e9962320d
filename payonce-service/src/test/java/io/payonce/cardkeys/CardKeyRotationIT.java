package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rotation from key version 1 to 2 while buyers order, pay and read their keys and the admin
 * imports more stock. The instance knows both versions ({@code 1:<key1>,2:<key2>}), as every
 * instance must before a rotation; each test starts with version 1 active, as a database that has
 * only ever known key 1 is.
 */
@IntegrationTest
class CardKeyRotationIT {

    private static final byte[] KEY_1 = Base64.getDecoder().decode(IntegrationTest.CARD_KEY_ENCRYPTION_KEY);
    private static final byte[] KEY_2 = IntStream.range(0, 32).map(i -> 200 - i).collect(
            java.io.ByteArrayOutputStream::new, (out, b) -> out.write(b), (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray();
    private static final CardKeyCipher V1 = new CardKeyCipher(1, KEY_1);
    private static final CardKeyCipher V2 = new CardKeyCipher(2, KEY_2);
    /** Buyers running at once: enough to hold rows while batches pass, few enough for two cores. */
    private static final int BUYERS = 4;

    @DynamicPropertySource
    static void bothKeyVersions(DynamicPropertyRegistry registry) {
        registry.add("payonce.card-keys.encryption-key",
                () -> "1:" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY + ",2:" + Base64.getEncoder().encodeToString(KEY_2));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;
    ExecutorService threads;

    @BeforeEach
    void versionOneActive() {
        shop = new Shop(new Api(port));
        threads = Executors.newFixedThreadPool(BUYERS + 1);
        jdbc.sql("UPDATE card_key_state SET active_version = 1").update();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void rotation_under_purchases_and_imports_loses_no_key_and_leaves_every_key_readable_only_in_its_own_row_under_version_2()
            throws Exception {
        String sku = Shop.uniqueSku("rot");
        shop.cardKeyProduct(sku, 100);
        Set<String> imported = new HashSet<>(importBatches(sku, 5, 1000));
        Map<String, List<String>> delivered = new ConcurrentHashMap<>();
        for (int i = 0; i < 5; i++) {
            String orderId = shop.paidOrder(sku, 2);
            delivered.put(orderId, cardKeys(orderId));
        }
        assertThat(count("SELECT count(*) FROM card_keys WHERE sku = ? AND key_version = 1", sku)).isEqualTo(5000);

        AtomicBoolean rotating = new AtomicBoolean(true);
        CountDownLatch loadRunning = new CountDownLatch(BUYERS);
        List<Future<?>> buyers = new ArrayList<>();
        for (int b = 0; b < BUYERS; b++) {
            buyers.add(threads.submit(() -> {
                boolean counted = false;
                while (rotating.get() || !counted) {
                    String orderId = shop.paidOrder(sku, 1 + delivered.size() % 3);
                    delivered.put(orderId, cardKeys(orderId));
                    if (!counted) {
                        loadRunning.countDown();
                        counted = true;
                    }
                }
                return null;
            }));
        }
        List<String> existingSample = imported.stream().limit(50).toList();
        Future<List<String>> importsDuringRotation = threads.submit(() -> {
            List<String> fresh = new ArrayList<>();
            while (rotating.get()) {
                List<String> batch = new ArrayList<>(existingSample);
                IntStream.range(0, 100).forEach(i -> batch.add("DURING-" + UUID.randomUUID()));
                Api.Answer answer = shop.api().admin("/v1/admin/products/" + sku + "/card-keys", codesJson(batch));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().get("imported").asInt()).as("codes stored under version 1 are found under version 2 too")
                        .isEqualTo(100);
                fresh.addAll(batch.subList(existingSample.size(), batch.size()));
            }
            return fresh;
        });

        loadRunning.await();
        Api.Answer rotated = shop.api().admin("/v1/admin/card-keys/rotate", null);
        rotating.set(false);
        for (Future<?> buyer : buyers) {
            buyer.get();
        }
        imported.addAll(importsDuringRotation.get());

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("previousVersion").asInt()).isEqualTo(1);
        assertThat(rotated.json().get("activeVersion").asInt()).isEqualTo(2);
        assertThat(rotated.json().get("remaining").asLong()).isZero();
        assertThat(count("SELECT count(*) FROM card_keys WHERE key_version <> 2")).as("rows left under an old version").isZero();

        List<Row> rows = rows(sku);
        List<String> codes = rows.stream().map(row -> V2.decrypt(row.cipher(), row.binding())).toList();
        assertThat(codes).as("every key imported is there exactly once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(imported);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertThat(row.digest()).isEqualTo(V2.digest(codes.get(i)));
            Row neighbour = rows.get((i + 1) % rows.size());
            assertThatThrownBy(() -> V2.decrypt(row.cipher(), neighbour.binding())).as("row %d read as row %d", row.id(), neighbour.id())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> V1.decrypt(row.cipher(), row.binding())).isInstanceOf(IllegalStateException.class);
        }

        Map<String, List<String>> stored = deliveredCodesByOrder(sku);
        assertThat(delivered.keySet()).hasSizeGreaterThan(5 + BUYERS);
        delivered.forEach((orderId, seen) -> {
            assertThat(seen).as("what buyer of %s saw during the rotation", orderId).isEqualTo(stored.get(orderId));
            assertThat(cardKeys(orderId)).as("what the buyer of %s reads afterwards", orderId).isEqualTo(seen);
        });
        assertThat(delivered.values().stream().flatMap(List::stream).toList()).doesNotHaveDuplicates();
    }

    @Test
    void a_ciphertext_copied_into_another_row_is_refused_neither_code_is_shown_and_rotation_moves_the_rest_and_names_it() {
        String sku = shop.stockedSku("moved", 100, 3);
        String orderId = shop.paidOrder(sku, 1);
        String ownCode = cardKeys(orderId).getFirst();
        long ownId = count("SELECT id FROM card_keys WHERE order_id = ?", orderId);
        long otherId = count("SELECT min(id) FROM card_keys WHERE sku = ? AND status = 'AVAILABLE'", sku);
        byte[] ownCipher = jdbc.sql("SELECT code_cipher FROM card_keys WHERE id = ?").param(ownId).query(byte[].class).single();

        jdbc.sql("UPDATE card_keys SET code_cipher = (SELECT code_cipher FROM card_keys WHERE id = ?) WHERE id = ?")
                .params(otherId, ownId).update();
        try {
            Api.Answer read = shop.getOrder(orderId);
            Api.Answer rotated = shop.api().admin("/v1/admin/card-keys/rotate", null);

            String otherCode = V2.decrypt(jdbc.sql("SELECT code_cipher FROM card_keys WHERE id = ?").param(otherId).query(byte[].class).single(),
                    new CardKeyCipher.Row(sku, otherId));
            assertThat(read.status()).isEqualTo(500);
            assertThat(read.body()).doesNotContain(otherCode).doesNotContain(ownCode);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.body()).doesNotContain(otherCode).doesNotContain(ownCode);
            assertThat(rotated.json().get("unreadableIds").get(0).asLong()).isEqualTo(ownId);
            assertThat(rotated.json().get("remaining").asLong()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM card_keys WHERE key_version < 2 AND id <> ?", ownId)).isZero();
        } finally {
            jdbc.sql("UPDATE card_keys SET code_cipher = ? WHERE id = ?").params(ownCipher, ownId).update();
        }
        assertThat(shop.api().admin("/v1/admin/card-keys/rotate", null).json().get("remaining").asLong()).isZero();
        assertThat(cardKeys(orderId)).containsExactly(ownCode);
    }

    @Test
    void with_no_newer_configured_key_a_finished_rotation_is_refused_with_its_code_and_changes_nothing() {
        String sku = shop.stockedSku("again", 100, 10);
        assertThat(shop.api().admin("/v1/admin/card-keys/rotate", null).status()).isEqualTo(200);
        String before = snapshot();

        Api.Answer again = shop.api().admin("/v1/admin/card-keys/rotate", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("card_key_rotation_needs_new_key");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM card_keys WHERE sku = ? AND key_version = 2", sku)).isEqualTo(10);
    }

    @Test
    void two_rotation_requests_at_once_rotate_once() throws Exception {
        shop.stockedSku("twice", 100, 2000);
        CountDownLatch both = new CountDownLatch(1);
        List<Future<Api.Answer>> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            requests.add(threads.submit(() -> {
                both.await();
                return shop.api().admin("/v1/admin/card-keys/rotate", null);
            }));
        }
        both.countDown();
        List<Api.Answer> answers = new ArrayList<>();
        for (Future<Api.Answer> request : requests) {
            answers.add(request.get());
        }

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).singleElement()
                .extracting(Api.Answer::code).isIn("card_key_rotation_in_progress", "card_key_rotation_needs_new_key");
        assertThat(count("SELECT active_version FROM card_key_state")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM card_keys WHERE key_version <> 2")).isZero();
    }

    @Test
    void rotation_without_the_admin_token_is_refused_and_changes_nothing() {
        shop.stockedSku("anon", 100, 10);
        String before = snapshot();

        Api.Answer anonymous = shop.anonymous().post("/v1/admin/card-keys/rotate", null);
        Api.Answer wrongToken = shop.anonymous().post("/v1/admin/card-keys/rotate", null, Map.of("Authorization", "Bearer not-the-admin-token-at-all"));
        Api.Answer buyer = shop.api().post("/v1/admin/card-keys/rotate", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(buyer.status()).as("a buyer's session has no admin scope").isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("SELECT active_version FROM card_key_state")).isEqualTo(1);
    }

    @Test
    void the_key_versions_report_counts_rows_per_version() {
        String sku = shop.stockedSku("report", 100, 7);

        Api.Answer report = shop.api().send(java.net.http.HttpRequest.newBuilder(shop.api().uri("/v1/admin/card-keys/key-versions"))
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN).GET());

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("activeVersion").asInt()).isEqualTo(1);
        assertThat(report.json().get("rowsByVersion").get("1").asLong())
                .isEqualTo(count("SELECT count(*) FROM card_keys WHERE key_version = 1"));
        assertThat(count("SELECT count(*) FROM card_keys WHERE sku = ?", sku)).isEqualTo(7);
    }

    @Test
    void a_key_sealed_before_key_versions_is_delivered_and_then_rotated_into_the_bound_form() {
        String sku = Shop.uniqueSku("legacy");
        shop.cardKeyProduct(sku, 100);
        String code = "LEGACY-" + UUID.randomUUID();
        long id = jdbc.sql("INSERT INTO card_keys (sku, code_digest, code_cipher, key_version) VALUES (?, ?, ?, 0) RETURNING id")
                .params(sku, V1.digest(code), SealedBeforeKeyVersions.seal(KEY_1, code)).query(Long.class).single();

        Api.Answer duplicate = shop.api().admin("/v1/admin/products/" + sku + "/card-keys", codesJson(List.of(code)));
        String orderId = shop.paidOrder(sku, 1);
        List<String> delivered = cardKeys(orderId);
        Api.Answer rotated = shop.api().admin("/v1/admin/card-keys/rotate", null);

        assertThat(duplicate.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(delivered).containsExactly(code);
        assertThat(rotated.json().get("remaining").asLong()).isZero();
        byte[] cipher = jdbc.sql("SELECT code_cipher FROM card_keys WHERE id = ? AND key_version = 2").param(id).query(byte[].class).single();
        assertThat(V2.decrypt(cipher, new CardKeyCipher.Row(sku, id))).isEqualTo(code);
        assertThat(cardKeys(orderId)).containsExactly(code);
    }

    private record Row(long id, String sku, byte[] digest, byte[] cipher) {
        CardKeyCipher.Row binding() {
            return new CardKeyCipher.Row(sku, id);
        }
    }

    private List<Row> rows(String sku) {
        return jdbc.sql("SELECT id, sku, code_digest, code_cipher FROM card_keys WHERE sku = ? ORDER BY id").param(sku)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("sku"), rs.getBytes("code_digest"), rs.getBytes("code_cipher")))
                .list();
    }

    private Map<String, List<String>> deliveredCodesByOrder(String sku) {
        return jdbc.sql("SELECT id, sku, order_id, code_cipher FROM card_keys WHERE sku = ? AND status = 'DELIVERED' ORDER BY id")
                .param(sku)
                .query((rs, n) -> Map.entry(rs.getString("order_id"),
                        V2.decrypt(rs.getBytes("code_cipher"), new CardKeyCipher.Row(rs.getString("sku"), rs.getLong("id")))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private List<String> importBatches(String sku, int batches, int size) {
        List<String> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<String> codes = IntStream.range(0, size).mapToObj(i -> "ROT-" + UUID.randomUUID()).toList();
            Api.Answer answer = shop.api().admin("/v1/admin/products/" + sku + "/card-keys", codesJson(codes));
            assertThat(answer.json().get("imported").asInt()).as(answer.body()).isEqualTo(size);
            all.addAll(codes);
        }
        return all;
    }

    private List<String> cardKeys(String orderId) {
        Api.Answer order = shop.getOrder(orderId);
        assertThat(order.status()).as(order.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        order.json().get("delivery").get("cardKeys").forEach(code -> codes.add(code.asString()));
        return codes;
    }

    private static String codesJson(List<String> codes) {
        return "{\"codes\":[" + codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Every row's version, digest and ciphertext, and the active version: what a refused request must not change. */
    private String snapshot() {
        return jdbc.sql("SELECT string_agg(id || ':' || key_version || ':' || md5(code_cipher) || ':' || md5(code_digest), ',' ORDER BY id) "
                        + "|| ' active=' || (SELECT active_version FROM card_key_state) FROM card_keys")
                .query(String.class).single();
    }
}
