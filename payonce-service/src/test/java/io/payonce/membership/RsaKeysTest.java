package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void generate_makes_a_key_pair_of_the_size_asked_for() {
        assertThat(RsaKeys.bits((RSAPublicKey) RsaKeys.generate(2048).getPublic())).isEqualTo(2048);
    }

    @ParameterizedTest
    @ValueSource(ints = {RsaKeys.BITS_MIN, RsaKeys.BITS_MAX})
    void keys_exactly_at_the_size_limits_are_accepted(int bits) {
        assertThat(RsaKeys.bits(RsaKeys.parsePublicPem(pemOfModulusBits(bits)))).isEqualTo(bits);
    }

    @ParameterizedTest
    @ValueSource(ints = {RsaKeys.BITS_MIN - 1, RsaKeys.BITS_MAX + 1})
    void keys_one_bit_past_the_size_limits_are_refused(int bits) {
        assertThatThrownBy(() -> RsaKeys.parsePublicPem(pemOfModulusBits(bits)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bits + " bits");
    }

    @Test
    void a_pem_of_exactly_8192_characters_is_read_and_one_character_more_is_refused() {
        String pem = pemOfModulusBits(RsaKeys.BITS_MAX);
        String atLimit = pem + "\n".repeat(RsaKeys.PEM_MAX_CHARS - pem.length());

        assertThat(atLimit).hasSize(8192);
        assertThat(RsaKeys.bits(RsaKeys.parsePublicPem(atLimit))).isEqualTo(RsaKeys.BITS_MAX);
        assertThatThrownBy(() -> RsaKeys.parsePublicPem(atLimit + "\n")).hasMessageContaining("longer than 8192 characters");
    }

    @Test
    void a_missing_or_blank_pem_is_refused_as_required() {
        assertThatThrownBy(() -> RsaKeys.parsePublicPem(null)).hasMessage("publicKeyPem is required");
        assertThatThrownBy(() -> RsaKeys.parsePublicPem(" \n\t")).hasMessage("publicKeyPem is required");
    }

    @Test
    void the_fingerprint_is_the_sha_256_of_the_key_der_in_lower_case_hex() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(PAIR.getPublic().getEncoded());

        assertThat(RsaKeys.fingerprint(PAIR.getPublic())).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64);
    }

    /**
     * A public key whose modulus has exactly {@code bits} bits. Only the size is checked when a key
     * is registered, so it need not be a product of two primes; generating a real 8192-bit key
     * would take seconds.
     */
    private static String pemOfModulusBits(int bits) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65_537)));
            return RsaKeys.pem("PUBLIC KEY", key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
