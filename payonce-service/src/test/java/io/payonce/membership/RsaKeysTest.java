package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.Test;

class RsaKeysTest {

    private static final KeyPair PAIR = MemberApiClient.generateKeyPair();
    private static final String CANONICAL = "days=30&nonce=abcdefgh&orderNo=o1&systemId=s&timestamp=1&userId=u";

    @Test
    void a_signature_by_the_private_key_verifies_against_the_registered_pem() {
        RSAPublicKey key = RsaKeys.parsePublicPem(RsaKeys.pem("PUBLIC KEY", PAIR.getPublic().getEncoded()));
        String sign = MemberApiClient.sign(new java.util.TreeMap<>(java.util.Map.of("a", "b")), PAIR.getPrivate());

        assertThat(RsaKeys.verify(key, "a=b", sign)).isTrue();
        assertThat(RsaKeys.verify(key, "a=c", sign)).isFalse();
    }

    @Test
    void the_bare_base64_body_of_a_pem_is_accepted_too() {
        String bare = java.util.Base64.getEncoder().encodeToString(PAIR.getPublic().getEncoded());

        assertThat(RsaKeys.bits(RsaKeys.parsePublicPem(bare))).isEqualTo(2048);
    }

    @Test
    void malformed_signatures_are_false_never_exceptions() {
        RSAPublicKey key = (RSAPublicKey) PAIR.getPublic();

        assertThat(RsaKeys.verify(key, CANONICAL, "")).isFalse();
        assertThat(RsaKeys.verify(key, CANONICAL, "abc")).isFalse();
        assertThat(RsaKeys.verify(key, CANONICAL, "%%%")).isFalse();
        assertThat(RsaKeys.verify(key, CANONICAL, "AAAA")).isFalse();
    }

    @Test
    void small_keys_and_other_formats_are_refused_with_a_reason() {
        String small = RsaKeys.pem("PUBLIC KEY", MemberApiClient.generateKeyPair(1024).getPublic().getEncoded());

        assertThatThrownBy(() -> RsaKeys.parsePublicPem(small)).hasMessageContaining("1024 bits");
        assertThatThrownBy(() -> RsaKeys.parsePublicPem("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"))
                .hasMessageContaining("PKCS#1");
        assertThatThrownBy(() -> RsaKeys.parsePublicPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> RsaKeys.parsePublicPem("AAAA")).hasMessageContaining("not an RSA public key");
    }
}
