package io.payonce.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.Test;

class RsaSignaturesTest {

    private static final KeyPair KEYS = RsaSignatures.generate(2048);
    private static final String CANONICAL = "days=30&nonce=n0nce-123&orderNo=ORD-1&systemId=shop-cn&timestamp=1795428930000&userId=u-42";

    @Test
    void a_signature_verifies_for_its_canonical_string_and_key_only() {
        String sign = RsaSignatures.sign(CANONICAL, KEYS.getPrivate());

        assertThat(RsaSignatures.verify(CANONICAL, sign, KEYS.getPublic())).isTrue();
        assertThat(RsaSignatures.verify(CANONICAL + "&x=1", sign, KEYS.getPublic())).isFalse();
    }

    @Test
    void a_2048_bit_signature_is_344_base64_characters() {
        assertThat(RsaSignatures.sign(CANONICAL, KEYS.getPrivate())).hasSize(344);
    }

    @Test
    void the_same_signature_in_the_url_safe_alphabet_verifies_too() {
        String standard = RsaSignatures.sign(CANONICAL, KEYS.getPrivate());
        String urlSafe = standard.replace('+', '-').replace('/', '_');

        assertThat(urlSafe).as("a 344-character signature uses + or / somewhere").isNotEqualTo(standard);
        assertThat(RsaSignatures.verify(CANONICAL, urlSafe, KEYS.getPublic())).isTrue();
    }

    @Test
    void a_null_empty_or_non_base64_signature_is_false_not_an_exception() {
        assertThat(RsaSignatures.verify(CANONICAL, null, KEYS.getPublic())).isFalse();
        assertThat(RsaSignatures.verify(CANONICAL, "", KEYS.getPublic())).isFalse();
        assertThat(RsaSignatures.verify(CANONICAL, "%%%", KEYS.getPublic())).isFalse();
        assertThat(RsaSignatures.verify(CANONICAL, "AAAA", KEYS.getPublic())).isFalse();
    }

    @Test
    void a_generated_key_pair_has_the_size_asked_for() {
        KeyPair pair = RsaSignatures.generate(1024);

        assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(1024);
    }

    @Test
    void pem_wraps_base64_in_64_character_lines_between_its_type_lines() {
        byte[] der = new byte[60];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) i;
        }
        String base64 = java.util.Base64.getEncoder().encodeToString(der);
        assertThat(RsaSignatures.pem("PUBLIC KEY", der)).isEqualTo("-----BEGIN PUBLIC KEY-----\n" + base64.substring(0, 64) + "\n"
                + base64.substring(64) + "\n-----END PUBLIC KEY-----\n");
    }
}
