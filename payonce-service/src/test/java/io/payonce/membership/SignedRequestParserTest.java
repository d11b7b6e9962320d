package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedRequestParserTest {

    /** The shape of a real signature by a 2048-bit key: 256 bytes, 344 Base64 characters. */
    private static final String SIGN = realisticSignature();
    private static final String VALID = """
            {"systemId":"shop-cn","orderNo":"ORD-1","userId":"u-42","days":30,"timestamp":1795428930000,
             "nonce":"n0nce-123","sign":"%s"}""".formatted(SIGN);

    @Test
    void the_canonical_string_is_every_other_field_sorted_and_joined_with_ampersands() {
        SignedRequest request = parse(VALID);

        assertThat(request.canonicalString())
                .isEqualTo("days=30&nonce=n0nce-123&orderNo=ORD-1&systemId=shop-cn&timestamp=1795428930000&userId=u-42");
    }

    @Test
    void numbers_are_signed_as_written_whether_sent_as_numbers_or_strings() {
        SignedRequest asNumber = parse(VALID);
        SignedRequest asString = parse(VALID.replace("\"days\":30", "\"days\":\"30\""));

        assertThat(asString.canonicalString()).isEqualTo(asNumber.canonicalString());
        assertThat(asString.daysValue()).isEqualTo(30);
        assertThat(asNumber.timestampMs()).isEqualTo(1_795_428_930_000L);
    }

    @Test
    void extra_fields_are_signed_and_empty_or_null_ones_are_left_out() {
        SignedRequest request = parse(VALID.replace("{", "{\"remark\":\"hi\",\"empty\":\"\",\"none\":null,\"flag\":true,"));

        assertThat(request.canonicalString()).isEqualTo(
                "days=30&flag=true&nonce=n0nce-123&orderNo=ORD-1&remark=hi&systemId=shop-cn&timestamp=1795428930000&userId=u-42");
    }

    @Test
    void keys_sort_by_code_unit_so_upper_case_comes_first() {
        Map<String, String> fields = new HashMap<>(Map.of("b", "2", "B", "1", "a", "3", "sign", "x"));

        assertThat(SignedRequestParser.canonicalString(fields)).isEqualTo("B=1&a=3&b=2");
    }

    @Test
    void unicode_in_extra_fields_survives_as_its_characters() {
        SignedRequest request = parse(VALID.replace("{", "{\"remark\":\"\\u4f1a\\u5458\","));

        assertThat(request.canonicalString()).contains("remark=会员");
    }

    @Test
    void a_duplicate_field_is_refused_because_the_signature_could_cover_the_other_value() {
        assertRefused(VALID.replace("{", "{\"days\":3650,"), MemberError.MALFORMED_REQUEST, "Field 'days' appears more than once");
    }

    @Test
    void days_out_of_range_still_parses_because_its_range_is_checked_after_the_nonce() {
        assertThat(parse(VALID.replace("\"days\":30", "\"days\":-1")).daysValue()).isEqualTo(-1);
        assertThat(parse(VALID.replace("\"days\":30", "\"days\":9999999999")).daysValue()).isEqualTo(9_999_999_999L);
    }

    @Test
    void a_signature_of_a_2048_bit_key_is_the_sign_field_not_an_over_long_extra() {
        SignedRequest request = parse(VALID);

        assertThat(request.sign()).hasSize(344).isEqualTo(SIGN);
        assertThat(request.canonicalString()).doesNotContain("sign=");
    }

    @Test
    void an_empty_body_is_refused_as_empty() {
        assertRefused("", MemberError.MALFORMED_REQUEST, "The body is empty; send a JSON object");
    }

    @Test
    void a_valid_body_of_exactly_16_kib_is_read() {
        String body = padded(VALID, SignedRequestParser.BODY_MAX_BYTES);

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(16 * 1024);
        assertThat(parse(body).systemId()).isEqualTo("shop-cn");
    }

    @Test
    void a_valid_body_one_byte_over_16_kib_is_refused_for_its_size() {
        assertRefused(padded(VALID, SignedRequestParser.BODY_MAX_BYTES + 1), MemberError.MALFORMED_REQUEST,
                "The body is larger than 16384 bytes");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused_as_such() {
        assertRefused("[" + VALID + "]", MemberError.MALFORMED_REQUEST, "The body must be a JSON object");
    }

    @Test
    void content_after_the_json_object_is_refused() {
        assertRefused(VALID + " {}", MemberError.MALFORMED_REQUEST, "Content after the JSON object");
    }

    @Test
    void whitespace_after_the_json_object_is_not_content() {
        assertThat(parse(VALID + " \n").systemId()).isEqualTo("shop-cn");
    }

    @Test
    void the_seven_fields_and_sixteen_extras_are_read() {
        SignedRequest request = parse(withExtras(SignedRequestParser.EXTRA_FIELDS_MAX));

        assertThat(request.canonicalString()).contains("x1=v", "x16=v");
    }

    @Test
    void a_seventeenth_extra_field_is_refused() {
        assertRefused(withExtras(SignedRequestParser.EXTRA_FIELDS_MAX + 1), MemberError.MALFORMED_REQUEST, "More than 23 fields");
    }

    @Test
    void an_extra_value_of_256_characters_is_signed_and_of_257_is_refused() {
        String atLimit = VALID.replace("{", "{\"remark\":\"" + "r".repeat(256) + "\",");
        String past = VALID.replace("{", "{\"remark\":\"" + "r".repeat(257) + "\",");

        assertThat(parse(atLimit).canonicalString()).contains("remark=" + "r".repeat(256) + "&");
        assertRefused(past, MemberError.INVALID_FIELD, "Field 'remark' is longer than 256 characters");
    }

    @Test
    void an_extra_field_name_of_64_characters_is_signed_and_of_65_is_refused() {
        String name64 = "x" + "y".repeat(63);

        assertThat(parse(VALID.replace("{", "{\"" + name64 + "\":1,")).canonicalString()).contains(name64 + "=1");
        assertRefused(VALID.replace("{", "{\"" + name64 + "y\":1,"), MemberError.INVALID_FIELD, "must be a letter then up to 63");
    }

    @Test
    void a_repeated_field_name_is_named_in_full_up_to_64_characters_and_cut_after() {
        String name64 = "n".repeat(64);
        String name65 = "n".repeat(65);

        assertRefused(VALID.replace("{", "{\"" + name64 + "\":1,\"" + name64 + "\":2,"), MemberError.MALFORMED_REQUEST,
                "Field '" + name64 + "' appears more than once");
        assertRefused(VALID.replace("{", "{\"" + name65 + "\":1,\"" + name65 + "\":2,"), MemberError.MALFORMED_REQUEST,
                "Field '" + name64 + "...' appears more than once");
    }

    @Test
    void an_empty_required_field_is_refused_as_required() {
        assertRefused(VALID.replace("\"shop-cn\"", "\"\""), MemberError.INVALID_FIELD, "Field 'systemId' is required");
    }

    @ParameterizedTest(name = "{0}: {1} characters read, {2} refused")
    @CsvSource({
            "systemId, 64, 65",
            "orderNo, 64, 65",
            "userId, 128, 129",
            "nonce, 64, 65",
            "sign, 1400, 1401",
            "timestamp, 16, 17"})
    void each_field_is_read_at_its_longest_and_refused_one_character_longer(String field, int longest, int tooLong) {
        String filler = field.equals("timestamp") ? "1" : "a";

        assertThat(parse(withField(field, filler.repeat(longest)))).isNotNull();
        assertRefused(withField(field, filler.repeat(tooLong)), MemberError.INVALID_FIELD, "Field '" + field + "' must be");
    }

    @Test
    void a_nonce_of_8_characters_is_read_and_of_7_is_refused() {
        assertThat(parse(withField("nonce", "n".repeat(8))).nonce()).hasSize(8);
        assertRefused(withField("nonce", "n".repeat(7)), MemberError.INVALID_FIELD, "Field 'nonce' must be");
    }

    @Test
    void days_of_10_digits_are_read_and_of_11_are_refused() {
        assertThat(parse(withField("days", "9".repeat(10))).daysValue()).isEqualTo(9_999_999_999L);
        assertRefused(withField("days", "9".repeat(11)), MemberError.INVALID_FIELD, "Field 'days' must be");
    }

    @Test
    void values_that_are_not_plain_scalars_are_refused() {
        assertRefused(VALID.replace("\"days\":30", "\"days\":30.0"), MemberError.INVALID_FIELD, "Field 'days' must be");
        assertRefused(VALID.replace("\"days\":30", "\"days\":[30]"), MemberError.INVALID_FIELD, "not an object or array");
        assertRefused(VALID.replace("{", "{\"bad-name\":\"x\","), MemberError.INVALID_FIELD, "Field name 'bad-name'");
        assertRefused(VALID.replace("{", "{\"_x\":\"x\","), MemberError.INVALID_FIELD, "Field name '_x'");
    }

    @Test
    void required_fields_are_checked_in_the_contract_order() {
        String noSystemNoOrder = VALID.replace("\"systemId\":\"shop-cn\",", "").replace("\"orderNo\":\"ORD-1\",", "");

        assertThatThrownBy(() -> parse(noSystemNoOrder)).hasMessageContaining("'systemId'");
    }

    private static SignedRequest parse(String json) {
        return SignedRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String json, MemberError error, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(MemberApiException.class, e -> assertThat(e.error()).isEqualTo(error))
                .hasMessageContaining(message);
    }

    /** VALID with spaces before its closing brace, to exactly {@code bytes} bytes. */
    private static String padded(String json, int bytes) {
        int end = json.lastIndexOf('}');
        return json.substring(0, end) + " ".repeat(bytes - json.length()) + "}";
    }

    /** VALID with {@code count} extra fields x1=v, x2=v, ... */
    private static String withExtras(int count) {
        StringBuilder extras = new StringBuilder("{");
        for (int i = 1; i <= count; i++) {
            extras.append("\"x").append(i).append("\":\"v\",");
        }
        return VALID.replace("{", extras);
    }

    /** VALID with one of its fields set to {@code value}, as a string. */
    private static String withField(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("systemId", "shop-cn", "orderNo", "ORD-1", "userId", "u-42",
                "days", "30", "timestamp", "1795428930000", "nonce", "n0nce-123", "sign", SIGN));
        fields.put(field, value);
        StringJoiner json = new StringJoiner(",", "{", "}");
        fields.forEach((name, text) -> json.add("\"" + name + "\":\"" + text + "\""));
        return json.toString();
    }

    private static String realisticSignature() {
        byte[] signature = new byte[256];
        new Random(7).nextBytes(signature);
        return Base64.getEncoder().encodeToString(signature);
    }
}
