package io.payonce.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rsa2SignaturesTest {

    private static final KeyPair KEYS = Rsa2Signatures.generateKeyPair();
    private static final KeyPair OTHER_KEYS = Rsa2Signatures.generateKeyPair();

    private static Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("out_trade_no", "pay_123");
        form.put("trade_no", "2026112322001000000000000000001");
        form.put("total_amount", "19.99");
        form.put("trade_status", "TRADE_SUCCESS");
        form.put("notify_id", "n-1");
        form.put("app_id", "2021000000000001");
        return form;
    }

    private static Map<String, String> signed(Map<String, String> form) {
        Map<String, String> copy = new HashMap<>(form);
        copy.put("sign_type", "RSA2");
        copy.put("sign", Rsa2Signatures.sign(form, KEYS.getPrivate()));
        return copy;
    }

    @Test
    void generated_key_pairs_are_2048_bits_as_alipay_requires_of_rsa2() {
        assertThat(((RSAPublicKey) Rsa2Signatures.generateKeyPair().getPublic()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void canonical_string_sorts_keys_and_skips_sign_fields_and_empty_values() {
        Map<String, String> fields = new HashMap<>(Map.of("b", "2", "a", "1", "sign", "x", "sign_type", "RSA2", "c", "", "B", "0"));
        fields.put("d", null);

        assertThat(Rsa2Signatures.canonicalString(fields)).isEqualTo("B=0&a=1&b=2");
    }

    @Test
    void canonical_string_writes_values_as_given_without_encoding() {
        assertThat(Rsa2Signatures.canonicalString(Map.of("subject", "a&b=c 支付", "amount", "1.00")))
                .isEqualTo("amount=1.00&subject=a&b=c 支付");
    }

    @Test
    void a_signed_form_verifies_with_the_signers_public_key() {
        assertThat(Rsa2Signatures.verify(signed(form()), KEYS.getPublic())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"out_trade_no", "trade_no", "total_amount", "trade_status", "notify_id", "app_id"})
    void changing_any_signed_field_breaks_the_signature(String field) {
        Map<String, String> form = signed(form());
        form.put(field, form.get(field) + "0");

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"out_trade_no", "trade_no", "total_amount", "trade_status", "notify_id", "app_id"})
    void dropping_any_signed_field_breaks_the_signature(String field) {
        Map<String, String> form = signed(form());
        form.remove(field);

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isFalse();
    }

    @Test
    void adding_a_non_empty_field_breaks_the_signature() {
        Map<String, String> form = signed(form());
        form.put("refund_fee", "19.99");

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isFalse();
    }

    @Test
    void empty_fields_are_not_signed_so_adding_or_removing_them_keeps_the_signature() {
        Map<String, String> form = signed(form());
        form.put("buyer_id", "");

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isTrue();
    }

    @Test
    void sign_type_is_not_signed() {
        Map<String, String> form = signed(form());
        form.put("sign_type", "RSA");

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isTrue();
    }

    @Test
    void another_key_does_not_verify() {
        assertThat(Rsa2Signatures.verify(signed(form()), OTHER_KEYS.getPublic())).isFalse();
    }

    @Test
    void a_truncated_signature_does_not_verify() {
        Map<String, String> form = signed(form());
        String sign = form.get("sign");
        form.put("sign", sign.substring(0, sign.length() - 8));

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 at all!", "AAAA", "===="})
    void a_malformed_signature_is_refused_without_throwing(String sign) {
        Map<String, String> form = signed(form());
        form.put("sign", sign);

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isFalse();
    }

    @Test
    void a_missing_signature_is_refused() {
        Map<String, String> form = signed(form());
        form.remove("sign");

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isFalse();
    }

    @Test
    void a_public_key_survives_a_pem_round_trip() throws GeneralSecurityException {
        String pem = Rsa2Signatures.toPem(KEYS.getPublic());

        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(Rsa2Signatures.publicKeyFromPem(pem)).isEqualTo(KEYS.getPublic());
        assertThat(Rsa2Signatures.verify(signed(form()), Rsa2Signatures.publicKeyFromPem(pem))).isTrue();
    }

    @Test
    void a_private_key_survives_a_der_round_trip() throws GeneralSecurityException {
        var restored = Rsa2Signatures.privateKeyFromDer(KEYS.getPrivate().getEncoded());
        Map<String, String> form = form();
        form.put("sign", Rsa2Signatures.sign(form, restored));

        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isTrue();
    }
}
