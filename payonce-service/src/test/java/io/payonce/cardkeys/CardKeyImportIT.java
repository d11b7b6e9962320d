package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.payonce.products.ShopHttp;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class CardKeyImportIT {

    /** The service's own cipher under the tests' fixed key, to read what the database holds. */
    private static final CardKeyCipher CIPHER = new CardKeyCipher(1, Base64.getDecoder().decode(IntegrationTest.CARD_KEY_ENCRYPTION_KEY));

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CardKeyStock stock;
    @Autowired
    PlatformTransactionManager transactions;
    ShopHttp http;
    String sku;

    @BeforeEach
    void cardKeyProduct() {
        http = new ShopHttp(port);
        sku = newSku();
        assertThat(http.createCardKeyProduct(sku).status()).isEqualTo(201);
    }

    @Test
    void repeats_inside_one_request_are_counted_as_duplicates_and_stored_once() {
        ShopHttp.Answer answer = http.importCodes(sku, List.of("A-1", "B-2", "C-3", "A-1", "B-2", "A-1"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("imported").asInt()).isEqualTo(3);
        assertThat(answer.body().path("duplicates").asInt()).isEqualTo(3);
        assertThat(stock.available(sku)).isEqualTo(3);
        assertThat(http.get("/v1/products/" + sku).body().path("available").asLong()).isEqualTo(3);
    }

    @Test
    void a_code_in_stock_under_another_sku_is_a_duplicate_because_a_code_sells_once_ever() {
        String otherSku = newSku();
        http.createCardKeyProduct(otherSku);
        String shared = "SHARED-" + UUID.randomUUID();
        http.importCodes(otherSku, List.of(shared));

        ShopHttp.Answer answer = http.importCodes(sku, List.of(shared, "NEW-" + UUID.randomUUID()));

        assertThat(answer.body().path("imported").asInt()).isEqualTo(1);
        assertThat(answer.body().path("duplicates").asInt()).isEqualTo(1);
        assertThat(stock.available(otherSku)).isEqualTo(1);
        assertThat(stock.available(sku)).isEqualTo(1);
    }

    @Test
    void importing_the_same_batch_again_imports_nothing() {
        List<String> codes = codes("AGAIN", 50);
        http.importCodes(sku, codes);

        ShopHttp.Answer again = http.importCodes(sku, codes);

        assertThat(again.body().path("imported").asInt()).isZero();
        assertThat(again.body().path("duplicates").asInt()).isEqualTo(50);
        assertThat(stock.available(sku)).isEqualTo(50);
    }

    @Test
    void the_database_holds_no_code_in_clear_only_its_digest_and_aes_gcm_sealing() {
        List<String> codes = codes("CLEAR-TEXT-MUST-NOT-APPEAR", 20);
        http.importCodes(sku, codes);

        List<Map<String, Object>> rows = jdbc.sql("SELECT id, key_version, code_digest, code_cipher FROM card_keys WHERE sku = ?").param(sku)
                .query().listOfRows();

        assertThat(rows).hasSize(20);
        List<String> read = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            byte[] digest = (byte[]) row.get("code_digest");
            byte[] sealed = (byte[]) row.get("code_cipher");
            for (String code : codes) {
                byte[] clear = code.getBytes(StandardCharsets.UTF_8);
                assertThat(contains(sealed, clear) || contains(digest, clear)).isFalse();
                assertThat(contains(sealed, "CLEAR-TEXT".getBytes(StandardCharsets.UTF_8))).isFalse();
            }
            assertThat(row.get("key_version")).isEqualTo(1);
            String code = CIPHER.decrypt(sealed, new CardKeyCipher.Row(sku, (Long) row.get("id")));
            assertThat(digest).isEqualTo(CIPHER.digest(code));
            read.add(code);
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void a_full_batch_of_the_configured_maximum_is_stored_in_one_go() {
        ShopHttp.Answer answer = http.importCodes(sku, codes("FULL", 10_000));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("imported").asInt()).isEqualTo(10_000);
        assertThat(stock.available(sku)).isEqualTo(10_000);
    }

    static Stream<Arguments> invalidBatches() {
        return Stream.of(
                Arguments.of("codes missing", Map.of()),
                Arguments.of("codes null", nullCodes()),
                Arguments.of("codes empty", Map.of("codes", List.of())),
                Arguments.of("one code over the batch maximum", Map.of("codes", codes("OVER", 10_001))),
                Arguments.of("an empty code", batchWith("")),
                Arguments.of("a null code", batchWith(null)),
                Arguments.of("a code of 257 characters", batchWith("SECRET" + "x".repeat(251))),
                Arguments.of("a code with NUL", batchWith("SECRET\u0000")),
                Arguments.of("a code with a tab", batchWith("SECRET\tX")),
                Arguments.of("a code with a newline", batchWith("SECRET\nX")),
                Arguments.of("a code with DEL", batchWith("SECRET\u007F")),
                Arguments.of("a code with a C1 control", batchWith("SECRET\u0085")),
                Arguments.of("a code with a lone surrogate", batchWith("SECRET\uDC00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBatches")
    void an_invalid_batch_is_refused_whole_without_echoing_a_code(String problem, Map<String, Object> body) {
        long before = cardKeyCount();

        ShopHttp.Answer refused = http.postAsAdmin("/v1/admin/products/" + sku + "/card-keys", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid_request");
        assertThat(refused.body().path("detail").asString()).isNotBlank().doesNotContain("SECRET").doesNotContain("VALID");
        assertThat(cardKeyCount()).isEqualTo(before);
    }

    @Test
    void a_code_of_256_characters_including_non_ascii_is_accepted() {
        String longest = "钥".repeat(128) + "\uD83D\uDD11".repeat(128);

        assertThat(http.importCodes(sku, List.of(longest)).body().path("imported").asInt()).isEqualTo(1);
    }

    @Test
    void codes_that_are_not_a_list_are_malformed_json_and_nothing_is_stored() {
        long before = cardKeyCount();

        ShopHttp.Answer refused = http.postAsAdmin("/v1/admin/products/" + sku + "/card-keys", Map.of("codes", Map.of("a", 1)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("malformed_json");
        assertThat(cardKeyCount()).isEqualTo(before);
    }

    @Test
    void keys_for_an_unknown_sku_are_404_and_for_a_membership_409_and_nothing_is_stored() {
        String membership = newSku();
        http.createMembershipProduct(membership, 30);
        long before = cardKeyCount();

        ShopHttp.Answer unknown = http.importCodes(newSku(), List.of("VALID-1"));
        ShopHttp.Answer wrongKind = http.importCodes(membership, List.of("VALID-2"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("product_not_found");
        assertThat(wrongKind.status()).isEqualTo(409);
        assertThat(wrongKind.code()).isEqualTo("wrong_product_kind");
        assertThat(cardKeyCount()).isEqualTo(before);
    }

    @Test
    void importing_without_a_credential_is_refused_with_401_and_nothing_is_stored() {
        long before = cardKeyCount();

        ShopHttp.Answer refused = http.postRaw("/v1/admin/products/" + sku + "/card-keys", "{\"codes\":[\"VALID-1\"]}", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("credentials_missing");
        assertThat(cardKeyCount()).isEqualTo(before);
    }

    @Test
    void the_stock_gauge_shows_each_skus_available_keys() {
        http.importCodes(sku, codes("GAUGE", 5));

        assertThat(gauge(sku)).isEqualTo(5.0);

        new TransactionTemplate(transactions).executeWithoutResult(tx -> stock.reserve("ord_gauge_" + sku, sku, 2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(gauge(sku)).isEqualTo(3.0));
    }

    private Double gauge(String forSku) {
        String scrape = new ShopHttp(managementPort).get("/actuator/prometheus").text();
        Matcher value = Pattern.compile("(?m)^payonce_stock_available\\{sku=\"" + Pattern.quote(forSku) + "\"} (\\S+)$").matcher(scrape);
        return value.find() ? Double.valueOf(value.group(1)) : null;
    }

    private long cardKeyCount() {
        return jdbc.sql("SELECT count(*) FROM card_keys").query(Long.class).single();
    }

    private static Map<String, Object> batchWith(String badCode) {
        List<String> codes = new ArrayList<>(List.of("VALID-" + UUID.randomUUID()));
        codes.add(badCode);
        return Map.of("codes", codes);
    }

    private static Map<String, Object> nullCodes() {
        Map<String, Object> body = new HashMap<>();
        body.put("codes", null);
        return body;
    }

    static List<String> codes(String prefix, int count) {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + batch + "-" + i).toList();
    }

    static String newSku() {
        return "ck-" + UUID.randomUUID().toString().substring(0, 18);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
