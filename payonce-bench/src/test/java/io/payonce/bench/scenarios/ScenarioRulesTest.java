package io.payonce.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScenarioRulesTest {

    @Test
    void the_canonical_string_sorts_keys_and_leaves_out_sign_and_empty_fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("userId", "u1");
        fields.put("systemId", "sys");
        fields.put("sign", "xyz");
        fields.put("days", 30);
        fields.put("nonce", "n-1");
        fields.put("orderNo", "o-9");
        fields.put("timestamp", 1_700_000_000_000L);
        fields.put("extra", "");

        assertThat(Members.canonical(fields))
                .isEqualTo("days=30&nonce=n-1&orderNo=o-9&systemId=sys&timestamp=1700000000000&userId=u1");
    }

    @Test
    void mixed_draws_operations_in_proportion_to_their_weights_reproducibly() {
        ScenarioOptions defaults = ScenarioOptions.defaults();
        ScenarioOptions options = new ScenarioOptions(10, 8, 10, 10, "alipay", 2048, Map.of("browse", 3, "buy", 1), "/x", 0);
        Mixed mixed = new Mixed(new ScenarioContext(null, "t", null, options, "run"));
        Map<String, Integer> counts = new HashMap<>();
        for (long sequence = 0; sequence < 40_000; sequence++) {
            counts.merge(mixed.opFor(sequence), 1, Integer::sum);
        }

        assertThat(counts.keySet()).containsExactlyInAnyOrder("browse", "buy");
        assertThat(counts.get("browse") / (double) counts.get("buy")).isBetween(2.8, 3.2);
        assertThat(mixed.opFor(12345)).isEqualTo(mixed.opFor(12345));
        assertThat(defaults.weights()).containsKeys("browse", "buy", "duplicate", "refund", "cancel", "renew");
    }

    @Test
    void unknown_weights_and_scenarios_are_refused_with_the_option_named() {
        assertThatThrownBy(() -> new ScenarioOptions(10, 8, 10, 10, "alipay", 2048, Map.of("teleport", 1), "/x", 0))
                .hasMessageContaining("--weights");
        assertThatThrownBy(() -> Scenarios.create("nope", null)).hasMessageContaining("--scenario");
    }

    @Test
    void renewal_days_vary_between_one_and_thirty() {
        assertThat(MemberRenew.daysFor(0)).isEqualTo(1);
        assertThat(MemberRenew.daysFor(29)).isEqualTo(30);
        assertThat(MemberRenew.daysFor(30)).isEqualTo(1);
    }
}
