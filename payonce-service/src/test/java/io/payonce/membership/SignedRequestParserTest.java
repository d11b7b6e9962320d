package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignedRequestParserTest {

    private static final String VALID = """
            {"systemId":"shop-cn","orderNo":"ORD-1","userId":"u-42","days":30,"timestamp":1795428930000,
             "nonce":"n0nce-123","sign":"c2lnbg=="}""";

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
        assertRefused(VALID.replace("{", "{\"days\":3650,"), MemberError.MALFORMED_REQUEST);
    }

    @Test
    void days_out_of_range_still_parses_because_its_range_is_checked_after_the_nonce() {
        assertThat(parse(VALID.replace("\"days\":30", "\"days\":-1")).daysValue()).isEqualTo(-1);
        assertThat(parse(VALID.replace("\"days\":30", "\"days\":9999999999")).daysValue()).isEqualTo(9_999_999_999L);
    }

    @Test
    void bodies_and_fields_past_their_limits_are_refused() {
        assertRefused("", MemberError.MALFORMED_REQUEST);
        assertRefused("x".repeat(SignedRequestParser.BODY_MAX_BYTES + 1), MemberError.MALFORMED_REQUEST);
        assertRefused("{\"a\":1} ", MemberError.INVALID_FIELD);
        assertRefused(VALID.replace("ORD-1", "O".repeat(65)), MemberError.INVALID_FIELD);
        assertRefused(VALID.replace("\"days\":30", "\"days\":30.0"), MemberError.INVALID_FIELD);
        assertRefused(VALID.replace("\"days\":30", "\"days\":[30]"), MemberError.INVALID_FIELD);
        assertRefused(VALID.replace("{", "{\"bad-name\":\"x\","), MemberError.INVALID_FIELD);
        assertRefused(VALID.replace("{", "{\"_x\":\"x\","), MemberError.INVALID_FIELD);
    }

    @Test
    void required_fields_are_checked_in_the_contract_order() {
        String noSystemNoOrder = VALID.replace("\"systemId\":\"shop-cn\",", "").replace("\"orderNo\":\"ORD-1\",", "");

        assertThatThrownBy(() -> parse(noSystemNoOrder)).hasMessageContaining("'systemId'");
    }

    private static SignedRequest parse(String json) {
        return SignedRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String json, MemberError error) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(MemberApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
