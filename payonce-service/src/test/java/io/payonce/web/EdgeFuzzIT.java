package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Seeded random malformed requests against the callback, order and membership endpoints:
 * broken %-encoding, wrong JSON types, malformed JSON and oversized fields. Each must answer 4xx
 * with its documented code (problem+json {@code code}, the envelope's non-zero {@code code}, or a
 * callback's {@code fail}) and change no row. The seed is fixed, so a failure replays exactly.
 */
@IntegrationTest
class EdgeFuzzIT {

    private static final long SEED = 20261130L;
    private static final int CASES_PER_KIND = 25;
    private static final List<String> TABLES = List.of("products", "orders", "payments", "ledger_entries", "card_keys",
            "members", "member_grants", "member_nonces", "idempotency_keys", "refunds");
    private static final Set<String> ORDER_CODES = Set.of("malformed_json", "invalid_request", "payload_too_large",
            "malformed_encoding", "unsupported_media_type", "idempotency_key_missing", "idempotency_key_invalid");
    private static final String SKU = "fuzz-sku";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api api;
    /** Order requests come from a merchant key with the orders and refunds scopes, so the body is what is judged. */
    Api merchant;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        merchant = new Shop(api).merchant();
        if (api.get("/v1/products/" + SKU).status() == 404) {
            new Shop(api).cardKeyProduct(SKU, 100);
        }
    }

    /** One malformed request: what it is, and how to send it. */
    record Case(String name, Function<Api, Api.Answer> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> callbacks() {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES_PER_KIND; i++) {
            String body = switch (random.nextInt(5)) {
                case 0 -> "out_trade_no=" + badEscape(random) + "&trade_status=TRADE_SUCCESS&sign=x";
                case 1 -> "out_trade_no=pay_1&out_trade_no=pay_2&sign=" + randomText(random, 20);
                case 2 -> fields(random, 65 + random.nextInt(10));
                case 3 -> "total_amount=" + randomText(random, 200 + random.nextInt(5000)) + "&sign=" + badEscape(random);
                default -> randomText(random, 1 + random.nextInt(300));
            };
            String channel = random.nextBoolean() ? "alipay" : "wechat";
            cases.add(new Case("callback " + i + ": " + abbreviate(body), api -> api.send(HttpRequest.newBuilder(api.uri("/v1/callbacks/" + channel))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)))));
        }
        return cases.stream();
    }

    static Stream<Case> orders() {
        Random random = new Random(SEED + 1);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES_PER_KIND; i++) {
            String body = switch (random.nextInt(7)) {
                case 0 -> "{\"sku\":\"" + SKU + "\",\"quantity\":" + wrongNumber(random) + "}";
                case 1 -> "{\"sku\":" + wrongString(random) + ",\"quantity\":1}";
                case 2 -> "{\"sku\":\"" + "s".repeat(65 + random.nextInt(1000)) + "\",\"quantity\":1}";
                case 3 -> "{\"sku\":\"" + SKU + "\",\"quantity\":1,\"buyer\":" + wrongString(random) + "}";
                case 4 -> "{\"sku\":\"" + SKU + "\",\"quantity\":1,\"buyer\":{\"userId\":\"" + "u".repeat(65 + random.nextInt(500)) + "\"}}";
                case 5 -> "{\"sku\":\"" + SKU + "\",\"quantity\":1,\"buyer\":{\"email\":\"" + "e".repeat(300) + "@x.io\"}}";
                default -> randomText(random, 1 + random.nextInt(200));
            };
            cases.add(new Case("order " + i + ": " + abbreviate(body),
                    api -> api.postIdempotent("/v1/orders", body, UUID.randomUUID().toString())));
        }
        cases.add(new Case("order: oversized body", api -> api.postIdempotent("/v1/orders",
                "{\"sku\":\"" + SKU + "\",\"quantity\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}", UUID.randomUUID().toString())));
        cases.add(new Case("refund: amount as a string", api -> api.postIdempotent("/v1/orders/ord_none/refunds",
                "{\"amount\":\"100\"}", UUID.randomUUID().toString())));
        cases.add(new Case("payment: channel as a number", api -> api.postIdempotent("/v1/orders/ord_none/payments",
                "{\"channel\":7}", UUID.randomUUID().toString())));
        return cases.stream();
    }

    static Stream<Case> memberships() {
        Random random = new Random(SEED + 2);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES_PER_KIND; i++) {
            String body = switch (random.nextInt(6)) {
                case 0 -> signedShape("\"days\":" + wrongNumber(random));
                case 1 -> signedShape("\"days\":30,\"userId\":" + wrongString(random));
                case 2 -> signedShape("\"days\":30,\"userId\":\"" + "u".repeat(129 + random.nextInt(500)) + "\"");
                case 3 -> signedShape("\"days\":30,\"extra\":\"" + "x".repeat(257 + random.nextInt(500)) + "\"");
                case 4 -> "{\"systemId\":\"sys\",\"orderNo\":\"o\"," + "\"a\":1,".repeat(1 + random.nextInt(3)).replace(",", ",\"a\":1,")
                        + "\"b\":2}";
                default -> randomText(random, 1 + random.nextInt(200));
            };
            cases.add(new Case("member " + i + ": " + abbreviate(body), api -> api.post("/api/member/createOrRenewMember", body)));
        }
        cases.add(new Case("member: oversized body", api -> api.post("/api/member/createOrRenewMember",
                signedShape("\"days\":30,\"pad\":\"" + "x".repeat(20_000) + "\""))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callbacks")
    void a_malformed_callback_is_refused_and_changes_nothing(Case fuzz) {
        List<Long> before = counts();

        Api.Answer answer = fuzz.send().apply(api);

        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        if (answer.header("Content-Type").startsWith("application/problem+json")) {
            assertThat(answer.code()).isIn("malformed_encoding", "payload_too_large");
        } else if (answer.header("Content-Type").startsWith("application/json")) {
            // WeChat Pay's refusal, in its own terms: the gateway resends on its schedule.
            assertThat(answer.json().get("code").asString()).isEqualTo("FAIL");
        } else {
            assertThat(answer.body()).isEqualTo("fail");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void a_malformed_order_request_is_refused_with_its_code_and_changes_nothing(Case fuzz) {
        List<Long> before = counts();

        Api.Answer answer = fuzz.send().apply(merchant);

        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.code()).as(answer.body()).isIn(ORDER_CODES);
        assertThat(counts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memberships")
    void a_malformed_membership_request_is_refused_in_its_envelope_and_changes_nothing(Case fuzz) {
        List<Long> before = counts();

        Api.Answer answer = fuzz.send().apply(api);

        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        JsonNode code = answer.json().get("code");
        assertThat(code.isInt()).as(answer.body()).isTrue();
        assertThat(code.asInt()).as(answer.body()).isBetween(40000, 49999);
        assertThat(counts()).isEqualTo(before);
    }

    private List<Long> counts() {
        return TABLES.stream().map(table -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).toList();
    }

    private static String signedShape(String fields) {
        return "{\"systemId\":\"sys-fuzz\",\"orderNo\":\"o-1\",\"userId\":\"u-1\",\"timestamp\":1,\"nonce\":\"nonce-123\",\"sign\":\"AAAA\","
                + fields + "}";
    }

    private static String wrongNumber(Random random) {
        String[] wrong = {"\"1\"", "\"30\"", "true", "null", "[1]", "{\"n\":1}", "1.5", "1e3", "99999999999999999999999", "-1", "0",
                "\"\"", "\"1 \"", "\"0x10\""};
        return wrong[random.nextInt(wrong.length)];
    }

    private static String wrongString(Random random) {
        String[] wrong = {"1", "true", "[\"a\"]", "{\"a\":\"b\"}", "\"\"", "\"a\\u0000b\"", "\"\\ud800\"", "\" \"", "12.5"};
        return wrong[random.nextInt(wrong.length)];
    }

    private static String badEscape(Random random) {
        String[] bad = {"%zz", "%", "%4", "%ff%fe", "%c3%28", "%e2%82", "%ed%a0%80", "%%", "%g1"};
        return "x" + bad[random.nextInt(bad.length)] + "y";
    }

    private static String fields(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : "&").append("f").append(i).append('=').append(random.nextInt(1000));
        }
        return out.toString();
    }

    /** Printable ASCII with JSON and form punctuation over-represented, so parsers meet edge cases. */
    private static String randomText(Random random, int length) {
        String alphabet = "abcXYZ019{}[]\":,=&%+ \\\t";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }
}
