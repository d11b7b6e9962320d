package io.payonce.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MembershipSignerTest {

    @Test
    void signs_the_documented_canonical_string_with_sha256_with_rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_795_428_930_000L), ZoneOffset.UTC);
        MembershipSigner signer = new MembershipSigner("shop-cn", pair.getPrivate(), clock, new Random(7));

        Map<String, Object> fields = signer.sign("ORD20261123001", "user-42", 30);

        assertThat(fields).containsOnlyKeys("systemId", "orderNo", "userId", "days", "timestamp", "nonce", "sign");
        assertThat(fields.get("timestamp")).isEqualTo(1_795_428_930_000L);
        assertThat((String) fields.get("nonce")).matches("[0-9a-f]{32}");
        String canonical = "days=30&nonce=" + fields.get("nonce")
                + "&orderNo=ORD20261123001&systemId=shop-cn&timestamp=1795428930000&userId=user-42";
        assertThat(MembershipSigner.canonical(fields)).isEqualTo(canonical);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode((String) fields.get("sign")))).isTrue();
    }

    @Test
    void each_signature_gets_a_fresh_nonce() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        MembershipSigner signer = new MembershipSigner("s", generator.generateKeyPair().getPrivate(), Clock.systemUTC(), new Random(1));
        assertThat(signer.sign("o", "u", 1).get("nonce")).isNotEqualTo(signer.sign("o", "u", 1).get("nonce"));
    }
}
