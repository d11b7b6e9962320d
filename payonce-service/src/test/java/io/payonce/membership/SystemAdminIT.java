package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registering calling systems, generating test systems, seeding members. */
@IntegrationTest
class SystemAdminIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    MemberApiClient client;

    @BeforeEach
    void client() {
        client = new MemberApiClient(port);
    }

    @Test
    void a_system_registers_once_and_a_second_registration_of_its_id_is_a_conflict() throws Exception {
        CallingSystem system = new CallingSystem(newSystemId(), MemberApiClient.generateKeyPair());

        Response created = client.admin("/v1/admin/systems", Map.of("systemId", system.systemId(), "publicKeyPem", system.publicKeyPem()));
        Response again = client.admin("/v1/admin/systems", Map.of("systemId", system.systemId(),
                "publicKeyPem", new CallingSystem("x", MemberApiClient.generateKeyPair()).publicKeyPem()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("systemId").asString()).isEqualTo(system.systemId());
        assertThat(created.json().get("keyBits").asInt()).isEqualTo(2048);
        assertThat(created.json().get("keyFingerprintSha256").asString()).hasSize(64);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("system_exists");
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void keys_that_are_not_acceptable_rsa_public_keys_are_refused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        String ecPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String rsa1024 = new CallingSystem("x", MemberApiClient.generateKeyPair(1024)).publicKeyPem();
        String pkcs1 = "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----\n";

        for (String pem : new String[] {"not a key", "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----", ecPem, rsa1024, pkcs1}) {
            Response refused = client.admin("/v1/admin/systems", Map.of("systemId", newSystemId(), "publicKeyPem", pem));
            assertThat(refused.status()).as(pem).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("invalid_request");
        }
        Response badId = client.admin("/v1/admin/systems", Map.of("systemId", "has space", "publicKeyPem", rsa1024));
        assertThat(badId.status()).isEqualTo(400);
    }

    @Test
    void admin_endpoints_need_the_admin_token() {
        Response refused = client.postRaw("/v1/admin/systems", "{\"systemId\":\"x\",\"publicKeyPem\":\"y\"}", "application/json");

        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void a_generated_test_system_returns_a_private_key_that_signs_accepted_requests() throws Exception {
        String systemId = newSystemId();

        Response generated = client.admin("/v1/admin/systems/generate", Map.of("systemId", systemId));

        assertThat(generated.status()).isEqualTo(201);
        String privatePem = generated.json().get("privateKeyPem").asString();
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(privatePem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Map<String, Object> fields = client.signedFields(systemId, privateKey, "order-1", "alice", 30);
        assertThat(client.post("/api/member/createOrRenewMember", fields).code()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM member_systems WHERE system_id = ?").param(systemId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void seeding_creates_2000_active_members_by_default_in_one_call_and_leaves_existing_ones_alone() {
        CallingSystem system = client.registerNewSystem();
        String seedPath = "/v1/admin/systems/" + system.systemId() + "/members/seed";

        Response first = client.admin(seedPath, Map.of());
        Response again = client.admin(seedPath, Map.of("count", 2500));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(2000);
        assertThat(first.json().get("firstUserId").asString()).isEqualTo("user-1");
        assertThat(first.json().get("lastUserId").asString()).isEqualTo("user-2000");
        assertThat(again.json().get("created").asInt()).isEqualTo(500);
        assertThat(again.json().get("existing").asInt()).isEqualTo(2000);
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE system_id = ?").param(system.systemId()).query(Long.class).single())
                .isEqualTo(2500);
        Response member = client.get("/api/member/" + system.systemId() + "/user-1999");
        assertThat(member.data().get("active").asBoolean()).isTrue();
    }

    @Test
    void seeding_checks_its_limits_and_the_system() {
        CallingSystem system = client.registerNewSystem();

        Response tooMany = client.admin("/v1/admin/systems/" + system.systemId() + "/members/seed", Map.of("count", 100_001));
        Response unknown = client.admin("/v1/admin/systems/" + newSystemId() + "/members/seed", Map.of("count", 5));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
    }

    private static String newSystemId() {
        return "sys-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
