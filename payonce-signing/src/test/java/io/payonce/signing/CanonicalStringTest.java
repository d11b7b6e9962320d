package io.payonce.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CanonicalStringTest {

    @Test
    void fields_are_sorted_by_key_and_joined_with_ampersands() {
        assertThat(CanonicalString.MEMBERSHIP.of(Map.of("userId", "u-1", "days", "30", "nonce", "n1")))
                .isEqualTo("days=30&nonce=n1&userId=u-1");
    }

    @Test
    void keys_sort_by_character_code_so_capitals_come_first() {
        assertThat(CanonicalString.MEMBERSHIP.of(Map.of("b", "2", "a", "3", "B", "1"))).isEqualTo("B=1&a=3&b=2");
    }

    @Test
    void sign_is_never_signed() {
        assertThat(CanonicalString.MEMBERSHIP.of(Map.of("sign", "abc", "days", "30"))).isEqualTo("days=30");
    }

    @Test
    void empty_and_null_values_are_left_out() {
        Map<String, String> fields = new HashMap<>();
        fields.put("days", "30");
        fields.put("remark", "");
        fields.put("note", null);
        assertThat(CanonicalString.MEMBERSHIP.of(fields)).isEqualTo("days=30");
    }

    @Test
    void no_fields_give_the_empty_string() {
        assertThat(CanonicalString.MEMBERSHIP.of(Map.of())).isEmpty();
    }

    @Test
    void the_documented_example_is_reproduced() {
        assertThat(CanonicalString.MEMBERSHIP.of(Map.of("systemId", "shop-cn", "orderNo", "ORD20261123001", "userId", "user-42",
                "days", "30", "timestamp", "1795428930000", "nonce", "9f86d081884c7d65", "sign", "x")))
                .isEqualTo("days=30&nonce=9f86d081884c7d65&orderNo=ORD20261123001&systemId=shop-cn&timestamp=1795428930000&userId=user-42");
    }
}
