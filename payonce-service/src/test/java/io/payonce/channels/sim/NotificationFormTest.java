package io.payonce.channels.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.Rsa2Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationFormTest {

    private static final KeyPair KEYS = Rsa2Signatures.generateKeyPair();
    private static final ChannelSpec SPEC = ChannelSpec.ALIPAY;
    private static final java.util.List<String> REQUIRED = NotificationForm.REQUIRED;

    private static Map<String, String> form(TradeState status, long amount, String currency) {
        var content = new NotificationForm.Content("pay_1", "2026112322001000000000000000042", amount,
                Currency.getInstance(currency), status, "ntf_1", Instant.parse("2026-11-23T10:15:30Z"));
        return new HashMap<>(NotificationForm.build(SPEC, KEYS.getPrivate(), content));
    }

    private static Map<String, String> paidForm() {
        return form(TradeState.TRADE_SUCCESS, 1999, "CNY");
    }

    /** The gateway's own signature over a changed form: only the content is wrong, not the signature. */
    private static Map<String, String> resigned(Map<String, String> form) {
        form.remove("sign");
        form.put("sign", Rsa2Signatures.sign(form, KEYS.getPrivate()));
        return form;
    }

    private static Notification parse(Map<String, String> form) {
        return NotificationForm.parse(SPEC, KEYS.getPublic(), form);
    }

    @Test
    void a_built_form_carries_alipays_fields_and_its_own_valid_signature() {
        Map<String, String> form = paidForm();

        assertThat(form).containsEntry("out_trade_no", "pay_1").containsEntry("total_amount", "19.99")
                .containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("notify_id", "ntf_1")
                .containsEntry("currency", "CNY").containsEntry("app_id", SPEC.appId()).containsEntry("sign_type", "RSA2")
                .containsEntry("notify_time", "2026-11-23 18:15:30");
        assertThat(Rsa2Signatures.verify(form, KEYS.getPublic())).isTrue();
    }

    @Test
    void a_paid_notification_reads_back_with_exact_minor_units() {
        assertThat(parse(paidForm())).isEqualTo(new Notification.Paid("pay_1", "2026112322001000000000000000042", 1999, "CNY", "ntf_1"));
    }

    @Test
    void a_closed_notification_reads_back_as_closed() {
        assertThat(parse(form(TradeState.TRADE_CLOSED, 1999, "CNY")))
                .isEqualTo(new Notification.Closed("pay_1", "2026112322001000000000000000042", "ntf_1"));
    }

    @Test
    void waiting_and_finished_notifications_ask_for_nothing() {
        Map<String, String> finished = paidForm();
        finished.put("trade_status", "TRADE_FINISHED");

        assertThat(parse(form(TradeState.WAIT_BUYER_PAY, 1999, "CNY"))).isInstanceOf(Notification.Other.class);
        assertThat(parse(resigned(finished))).isEqualTo(
                new Notification.Other("pay_1", "2026112322001000000000000000042", "TRADE_FINISHED", "ntf_1"));
    }

    @Test
    void a_currency_without_minor_units_is_read_in_whole_units() {
        assertThat(parse(form(TradeState.TRADE_SUCCESS, 1999, "JPY")))
                .isEqualTo(new Notification.Paid("pay_1", "2026112322001000000000000000042", 1999, "JPY", "ntf_1"));
    }

    @Test
    void an_absent_currency_means_the_channels_default_cny() {
        Map<String, String> form = paidForm();
        form.remove("currency");

        assertThat(parse(resigned(form))).isEqualTo(new Notification.Paid("pay_1", "2026112322001000000000000000042", 1999, "CNY", "ntf_1"));
    }

    @ParameterizedTest
    @FieldSource("REQUIRED")
    void a_missing_required_field_is_invalid(String field) {
        Map<String, String> form = paidForm();
        form.remove(field);

        assertThat(parse(form)).isInstanceOf(Notification.Invalid.class);
        assertThat(parse(field.startsWith("sign") ? form : resigned(form))).isEqualTo(new Notification.Invalid("missing field " + field));
    }

    @ParameterizedTest
    @FieldSource("REQUIRED")
    void an_empty_required_field_is_invalid(String field) {
        Map<String, String> form = paidForm();
        form.put(field, "");

        assertThat(parse(form)).isEqualTo(new Notification.Invalid("missing field " + field));
    }

    @Test
    void a_field_over_256_characters_is_invalid_even_when_signed() {
        Map<String, String> form = paidForm();
        form.put("subject", "x".repeat(257));

        assertThat(parse(resigned(form))).isEqualTo(new Notification.Invalid("field subject longer than 256 characters"));
    }

    @Test
    void a_field_of_256_characters_is_fine() {
        Map<String, String> form = paidForm();
        form.put("subject", "x".repeat(256));

        assertThat(parse(resigned(form))).isInstanceOf(Notification.Paid.class);
    }

    @Test
    void an_oversized_signature_or_too_many_fields_are_invalid() {
        Map<String, String> longSign = paidForm();
        longSign.put("sign", "A".repeat(NotificationForm.SIGN_LENGTH_MAX + 1));
        Map<String, String> crowded = paidForm();
        for (int i = 0; i < NotificationForm.FIELD_COUNT_MAX; i++) {
            crowded.put("extra_" + i, "1");
        }

        assertThat(parse(longSign)).isInstanceOf(Notification.Invalid.class);
        assertThat(parse(resigned(crowded))).isEqualTo(new Notification.Invalid("more than 64 fields"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRADE_PAID", "trade_success", "SUCCESS", "TRADE_SUCCESS "})
    void an_unknown_trade_status_is_invalid_even_when_signed(String status) {
        Map<String, String> form = paidForm();
        form.put("trade_status", status);

        assertThat(parse(resigned(form))).isEqualTo(new Notification.Invalid("unknown trade_status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19.999", "-19.99", "1e3", "19,99", " 19.99", "abc", "1000000000000000"})
    void a_malformed_amount_is_invalid_even_when_signed(String amount) {
        Map<String, String> form = paidForm();
        form.put("total_amount", amount);

        assertThat(parse(resigned(form))).isEqualTo(new Notification.Invalid("total_amount is not an amount in CNY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "cny", "RMB", "XXX"})
    void an_unknown_currency_is_invalid_even_when_signed(String currency) {
        Map<String, String> form = paidForm();
        form.put("currency", currency);

        assertThat(parse(resigned(form))).isEqualTo(new Notification.Invalid("unknown currency"));
    }

    @Test
    void a_changed_amount_breaks_the_signature() {
        Map<String, String> form = paidForm();
        form.put("total_amount", "0.01");

        assertThat(parse(form)).isEqualTo(new Notification.Invalid("bad signature"));
    }

    @Test
    void a_form_signed_with_another_key_is_invalid() {
        Map<String, String> form = paidForm();
        form.put("sign", Rsa2Signatures.sign(form, Rsa2Signatures.generateKeyPair().getPrivate()));

        assertThat(parse(form)).isEqualTo(new Notification.Invalid("bad signature"));
    }

    @Test
    void another_apps_notification_is_invalid_even_with_a_valid_signature() {
        Map<String, String> form = paidForm();
        form.put("app_id", ChannelSpec.WECHAT.appId());

        assertThat(parse(resigned(form))).isEqualTo(new Notification.Invalid("app_id is not this channel's"));
    }

    @Test
    void sign_type_other_than_rsa2_is_invalid() {
        Map<String, String> form = paidForm();
        form.put("sign_type", "RSA");

        assertThat(parse(form)).isEqualTo(new Notification.Invalid("sign_type must be RSA2"));
    }

    @Test
    void null_and_empty_forms_are_invalid_without_throwing() {
        Map<String, String> withNull = paidForm();
        withNull.put("trade_status", null);

        assertThat(parse(null)).isInstanceOf(Notification.Invalid.class);
        assertThat(parse(Map.of())).isInstanceOf(Notification.Invalid.class);
        assertThat(parse(withNull)).isEqualTo(new Notification.Invalid("missing field trade_status"));
    }
}
