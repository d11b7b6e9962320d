package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** createOrRenewMember and the member lookup, end to end over HTTP against a real PostgreSQL. */
@IntegrationTest
class MemberApiIT {

    private static final String RFC3339_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    MemberApiClient client;
    CallingSystem system;

    @BeforeEach
    void registerSystem() {
        client = new MemberApiClient(port);
        system = client.registerNewSystem();
    }

    @Test
    void first_call_creates_the_membership_for_now_plus_days() {
        Instant before = Instant.now().minusSeconds(1);
        Response answer = client.createOrRenew(system, "order-1", "alice", 30);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.code()).isZero();
        assertThat(answer.json().get("message").asString()).isEqualTo("success");
        assertThat(answer.data().get("memberId").asString()).startsWith("mem_");
        assertThat(answer.data().get("systemId").asString()).isEqualTo(system.systemId());
        assertThat(answer.data().get("userId").asString()).isEqualTo("alice");
        assertThat(answer.expiresAt()).matches(RFC3339_SECONDS);
        Instant expiresAt = Instant.parse(answer.expiresAt());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void the_same_order_again_returns_the_first_answer_and_adds_nothing() {
        Response first = client.createOrRenew(system, "order-1", "alice", 30);
        Response again = client.createOrRenew(system, "order-1", "alice", 30);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(count("member_grants")).isEqualTo(1);
        assertThat(storedExpiry("alice")).isEqualTo(Instant.parse(first.expiresAt()));
    }

    @Test
    void a_second_order_extends_from_the_current_expiry() {
        Instant firstExpiry = Instant.parse(client.createOrRenew(system, "order-1", "alice", 30).expiresAt());
        Response second = client.createOrRenew(system, "order-2", "alice", 7);

        assertThat(Instant.parse(second.expiresAt())).isEqualTo(firstExpiry.plus(Duration.ofDays(7)));
        assertThat(count("member_grants")).isEqualTo(2);
        assertThat(count("members")).isEqualTo(1);
    }

    @Test
    void numbers_sent_as_strings_and_extra_fields_are_signed_as_written() {
        Map<String, Object> fields = new LinkedHashMap<>(client.signedFields(system, "order-1", "alice", 30));
        fields.put("days", "30");
        fields.put("remark", "renewal from the app");
        fields.put("channel", 7);
        fields.put("sign", MemberApiClient.sign(fields, system.keyPair().getPrivate()));

        Response answer = client.post("/api/member/createOrRenewMember", fields);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isZero();
    }

    @Test
    void an_extra_field_changed_after_signing_breaks_the_signature() {
        Map<String, Object> fields = new LinkedHashMap<>(client.signedFields(system, "order-1", "alice", 30));
        fields.remove("sign");
        fields.put("remark", "as signed");
        fields.put("sign", MemberApiClient.sign(fields, system.keyPair().getPrivate()));
        fields.put("remark", "changed in transit");

        Response answer = client.post("/api/member/createOrRenewMember", fields);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(40101);
        assertThat(count("members")).isZero();
    }

    @Test
    void lookup_answers_the_membership_and_whether_it_is_active() {
        Response granted = client.createOrRenew(system, "order-1", "alice", 30);

        Response found = client.get("/api/member/" + system.systemId() + "/alice");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.code()).isZero();
        assertThat(found.data().get("memberId").asString()).isEqualTo(granted.data().get("memberId").asString());
        assertThat(found.data().get("userId").asString()).isEqualTo("alice");
        assertThat(found.expiresAt()).isEqualTo(granted.expiresAt());
        assertThat(found.data().get("active").asBoolean()).isTrue();
    }

    @Test
    void lookup_of_a_user_without_membership_is_404_in_the_envelope() {
        Response missing = client.get("/api/member/" + system.systemId() + "/nobody");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo(40401);
        assertThat(missing.json().has("data")).isTrue();
        assertThat(missing.data().isNull()).isTrue();
    }

    @Test
    void a_replayed_nonce_is_refused_before_anything_else_and_writes_nothing_more() {
        Map<String, Object> original = client.signedFields(system, "order-1", "alice", 30);
        Response first = client.post("/api/member/createOrRenewMember", original);
        Instant expiry = storedExpiry("alice");

        Response retransmission = client.post("/api/member/createOrRenewMember", original);
        Response otherOrderSameNonce = client.post("/api/member/createOrRenewMember",
                resigned(original, Map.of("orderNo", "order-2")));
        Response badDaysSameNonce = client.post("/api/member/createOrRenewMember",
                resigned(original, Map.of("orderNo", "order-3", "days", 0)));

        assertThat(first.status()).isEqualTo(200);
        for (Response refused : new Response[] {retransmission, otherOrderSameNonce, badDaysSameNonce}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo(40104);
        }
        assertThat(count("member_grants")).isEqualTo(1);
        assertThat(count("member_nonces")).isEqualTo(1);
        assertThat(storedExpiry("alice")).isEqualTo(expiry);
    }

    @Test
    void unknown_paths_and_wrong_methods_under_api_member_answer_the_envelope() {
        Response unknown = client.postRaw("/api/member/renew", "{}", "application/json");
        Response getOnPost = client.request("GET", "/api/member/createOrRenewMember", "*/*");
        Response deleteOnLookup = client.request("DELETE", "/api/member/" + system.systemId() + "/alice", "*/*");
        Response htmlAccepted = client.request("GET", "/api/member/" + system.systemId() + "/nobody", "text/html");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo(40400);
        assertThat(getOnPost.status()).isEqualTo(405);
        assertThat(getOnPost.code()).isEqualTo(40500);
        assertThat(getOnPost.allow()).isEqualTo("POST");
        assertThat(deleteOnLookup.status()).isEqualTo(405);
        assertThat(htmlAccepted.status()).isEqualTo(404);
        assertThat(htmlAccepted.code()).isEqualTo(40401);
        for (Response answer : new Response[] {unknown, getOnPost, deleteOnLookup, htmlAccepted}) {
            assertThat(answer.contentType()).startsWith("application/json");
            assertThat(answer.json().has("message")).isTrue();
        }
    }

    @Test
    void a_body_of_another_content_type_is_still_read_as_json_and_answered_in_the_envelope() {
        Map<String, Object> fields = client.signedFields(system, "order-1", "alice", 30);

        Response plain = client.postRaw("/api/member/createOrRenewMember", MemberApiClient.JSON.writeValueAsString(fields), "text/plain");
        Response malformed = client.postRaw("/api/member/createOrRenewMember", "{\"systemId\":", "application/json");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo(40000);
        assertThat(malformed.contentType()).startsWith("application/json");
    }

    private Map<String, Object> resigned(Map<String, Object> original, Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>(original);
        fields.remove("sign");
        fields.putAll(changes);
        fields.put("sign", MemberApiClient.sign(fields, system.keyPair().getPrivate()));
        return fields;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE system_id = ?").param(system.systemId()).query(Long.class).single();
    }

    private Instant storedExpiry(String userId) {
        return jdbc.sql("SELECT expires_at FROM members WHERE system_id = ? AND user_id = ?")
                .param(system.systemId()).param(userId)
                .query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
    }
}
