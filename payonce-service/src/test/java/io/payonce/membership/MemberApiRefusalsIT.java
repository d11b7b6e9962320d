package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every kind of bad createOrRenewMember request gets its documented code and status, and leaves
 * no row behind: no member, no grant, no nonce.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberApiRefusalsIT {

    private static final String PATH = "/api/member/createOrRenewMember";
    private static final long MINUTE_MS = 60_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    MemberApiClient client;
    CallingSystem otherSystem;
    KeyPair strangerKey;

    @BeforeAll
    void setUp() {
        client = new MemberApiClient(port);
        otherSystem = client.registerNewSystem();
        strangerKey = MemberApiClient.generateKeyPair();
    }

    /** A request spoiled on purpose, given a correctly signed one for a fresh system. */
    record Spoiled(String name, Function<Fixture, String> body, int status, int code) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a spoiled request is built from. */
    record Fixture(MemberApiClient client, CallingSystem system, CallingSystem otherSystem, KeyPair strangerKey) {
        Map<String, Object> valid() {
            return new LinkedHashMap<>(client.signedFields(system, "order-1", "alice", 30));
        }

        String json(Map<String, Object> fields) {
            return MemberApiClient.JSON.writeValueAsString(fields);
        }

        /** The valid request with some fields changed, signed again with the system's own key. */
        String resigned(Map<String, Object> changes) {
            Map<String, Object> fields = valid();
            fields.remove("sign");
            fields.putAll(changes);
            fields.put("sign", MemberApiClient.sign(fields, system.keyPair().getPrivate()));
            return json(fields);
        }

        String without(String field) {
            Map<String, Object> fields = valid();
            fields.remove("sign");
            fields.remove(field);
            fields.put("sign", MemberApiClient.sign(fields, system.keyPair().getPrivate()));
            if (field.equals("sign")) {
                fields.remove("sign");
            }
            return json(fields);
        }

        String with(String field, Object value) {
            Map<String, Object> fields = valid();
            fields.put(field, value);
            return json(fields);
        }
    }

    static Stream<Spoiled> spoiledRequests() {
        return Stream.of(
                // 401: signature and system
                new Spoiled("forged: days changed after signing", f -> f.with("days", 31), 401, 40101),
                new Spoiled("forged: userId changed after signing", f -> f.with("userId", "mallory"), 401, 40101),
                new Spoiled("truncated signature", f -> {
                    Map<String, Object> fields = f.valid();
                    String sign = (String) fields.get("sign");
                    fields.put("sign", sign.substring(0, sign.length() - 8));
                    return f.json(fields);
                }, 401, 40101),
                new Spoiled("signature that is not Base64", f -> f.with("sign", "abc"), 401, 40101),
                new Spoiled("re-signed with another key", f -> {
                    Map<String, Object> fields = f.valid();
                    fields.put("sign", MemberApiClient.sign(fields, f.strangerKey().getPrivate()));
                    return f.json(fields);
                }, 401, 40101),
                new Spoiled("unknown systemId", f -> f.resigned(Map.of("systemId", "sys-never-registered")), 401, 40102),
                new Spoiled("the shop's systemId, which cannot sign", f -> f.resigned(Map.of("systemId", "payonce-shop")), 401, 40102),
                new Spoiled("another registered system's id", f -> f.resigned(Map.of("systemId", f.otherSystem().systemId())), 401, 40101),
                // 401: timestamp window
                new Spoiled("stale timestamp", f -> f.resigned(Map.of("timestamp", System.currentTimeMillis() - 5 * MINUTE_MS - 30_000)), 401, 40103),
                new Spoiled("future timestamp", f -> f.resigned(Map.of("timestamp", System.currentTimeMillis() + 5 * MINUTE_MS + 30_000)), 401, 40103),
                // 400: value limits
                new Spoiled("days 0", f -> f.resigned(Map.of("days", 0)), 400, 40002),
                new Spoiled("days -1", f -> f.resigned(Map.of("days", -1)), 400, 40002),
                new Spoiled("days 3651", f -> f.resigned(Map.of("days", 3651)), 400, 40002),
                // 400: missing fields
                new Spoiled("missing systemId", f -> f.without("systemId"), 400, 40001),
                new Spoiled("missing orderNo", f -> f.without("orderNo"), 400, 40001),
                new Spoiled("missing userId", f -> f.without("userId"), 400, 40001),
                new Spoiled("missing days", f -> f.without("days"), 400, 40001),
                new Spoiled("missing timestamp", f -> f.without("timestamp"), 400, 40001),
                new Spoiled("missing nonce", f -> f.without("nonce"), 400, 40001),
                new Spoiled("missing sign", f -> f.without("sign"), 400, 40001),
                new Spoiled("empty orderNo", f -> f.resigned(Map.of("orderNo", "")), 400, 40001),
                new Spoiled("null userId", f -> {
                    Map<String, Object> fields = f.valid();
                    fields.put("userId", null);
                    return f.json(fields);
                }, 400, 40001),
                // 400: oversized and malformed fields
                new Spoiled("systemId of 65 characters", f -> f.resigned(Map.of("systemId", "s".repeat(65))), 400, 40001),
                new Spoiled("orderNo of 65 characters", f -> f.resigned(Map.of("orderNo", "o".repeat(65))), 400, 40001),
                new Spoiled("userId of 129 characters", f -> f.resigned(Map.of("userId", "u".repeat(129))), 400, 40001),
                new Spoiled("nonce of 65 characters", f -> f.resigned(Map.of("nonce", "n".repeat(65))), 400, 40001),
                new Spoiled("nonce of 7 characters", f -> f.resigned(Map.of("nonce", "n".repeat(7))), 400, 40001),
                new Spoiled("sign of 1401 characters", f -> f.with("sign", "A".repeat(1401)), 400, 40001),
                new Spoiled("days of 11 digits", f -> f.resigned(Map.of("days", 12_345_678_901L)), 400, 40001),
                new Spoiled("timestamp of 17 digits", f -> f.resigned(Map.of("timestamp", 12_345_678_901_234_567L)), 400, 40001),
                new Spoiled("extra field of 257 characters", f -> f.resigned(Map.of("remark", "r".repeat(257))), 400, 40001),
                new Spoiled("days with a fraction", f -> f.resigned(Map.of("days", 1.5)), 400, 40001),
                new Spoiled("days in exponent notation", f -> f.json(f.valid()).replace("\"days\":30", "\"days\":3e1"), 400, 40001),
                new Spoiled("days that is not a number", f -> f.resigned(Map.of("days", "thirty")), 400, 40001),
                new Spoiled("userId that is an object", f -> f.with("userId", Map.of("id", "alice")), 400, 40001),
                new Spoiled("orderNo with a space", f -> f.resigned(Map.of("orderNo", "order 1")), 400, 40001),
                // 400: malformed bodies
                new Spoiled("empty body", f -> "", 400, 40000),
                new Spoiled("truncated JSON", f -> f.json(f.valid()).substring(0, 40), 400, 40000),
                new Spoiled("a JSON array", f -> "[" + f.json(f.valid()) + "]", 400, 40000),
                new Spoiled("content after the object", f -> f.json(f.valid()) + "{}", 400, 40000),
                new Spoiled("a field given twice", f -> f.json(f.valid()).replace("{\"systemId\"", "{\"userId\":\"mallory\",\"systemId\""), 400, 40000),
                new Spoiled("more than 23 fields", f -> {
                    Map<String, Object> fields = f.valid();
                    for (int i = 0; i < 17; i++) {
                        fields.put("extra" + i, "x");
                    }
                    return f.json(fields);
                }, 400, 40000),
                new Spoiled("a body over 16 KB", f -> f.with("remark", "r".repeat(17_000)), 400, 40000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledRequests")
    void a_spoiled_request_gets_its_documented_error_and_writes_nothing(Spoiled spoiled) {
        CallingSystem system = client.registerNewSystem();
        String body = spoiled.body().apply(new Fixture(client, system, otherSystem, strangerKey));

        Response answer = client.postRaw(PATH, body, "application/json");

        assertThat(answer.status()).as(answer.body()).isEqualTo(spoiled.status());
        assertThat(answer.code()).as(answer.body()).isEqualTo(spoiled.code());
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("message").asString()).isNotBlank();
        assertThat(answer.data().isNull()).isTrue();
        for (String table : new String[] {"members", "member_grants", "member_nonces"}) {
            assertThat(rowsOf(table, system)).as(table).isZero();
            assertThat(rowsOf(table, otherSystem)).as(table + " of the other system").isZero();
        }
    }

    private long rowsOf(String table, CallingSystem system) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE system_id = ?").param(system.systemId()).query(Long.class).single();
    }
}
