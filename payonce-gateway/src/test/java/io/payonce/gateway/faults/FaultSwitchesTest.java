package io.payonce.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class FaultSwitchesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FaultUpdate update(String json) {
        return FaultUpdate.parse(JSON.readTree(json));
    }

    @Test
    void queued_outcomes_come_first_in_order_then_the_rates_decide() {
        FaultSwitches switches = new FaultSwitches();
        switches.apply(update("{\"nextTrades\": [\"TIMEOUT\", \"DECLINE\"], \"declineRate\": 1}"));

        assertThat(List.of(switches.nextTrade(), switches.nextTrade(), switches.nextTrade()))
                .containsExactly(TradeFault.TIMEOUT, TradeFault.DECLINE, TradeFault.DECLINE);
    }

    @Test
    void with_no_switch_set_every_call_is_ok_and_every_notification_normal() {
        FaultSwitches switches = new FaultSwitches();

        assertThat(switches.nextTrade()).isEqualTo(TradeFault.OK);
        assertThat(switches.nextRefund()).isEqualTo(RefundFault.OK);
        assertThat(switches.planNotification()).isEqualTo(DeliveryPlan.NORMAL);
    }

    @Test
    void lose_counts_down_and_repeat_delay_and_reorder_shape_every_plan() {
        FaultSwitches switches = new FaultSwitches();
        switches.apply(update("{\"lose\": 1, \"repeat\": 2, \"delayMs\": 50, \"reorder\": true}"));

        assertThat(switches.planNotification()).isEqualTo(new DeliveryPlan(50, 3, true, true));
        assertThat(switches.planNotification()).isEqualTo(new DeliveryPlan(50, 3, false, true));
        assertThat(switches.view().lose()).isZero();
    }

    @Test
    void an_update_changes_only_what_it_names_and_reset_clears_everything() {
        FaultSwitches switches = new FaultSwitches();
        switches.apply(update("{\"declineRate\": 0.5, \"nextRefunds\": [\"TIMEOUT\"]}"));
        switches.apply(update("{\"repeat\": 1}"));

        assertThat(switches.view().declineRate()).isEqualTo(0.5);
        assertThat(switches.view().nextRefunds()).containsExactly(RefundFault.TIMEOUT);
        assertThat(switches.view().repeat()).isEqualTo(1);
        switches.reset();
        assertThat(switches.view()).isEqualTo(new FaultSwitches().view());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "{\"unknown\": 1}", "{\"declineRate\": \"0.5\"}", "{\"declineRate\": 1.5}", "{\"repeat\": 1.5}",
            "{\"repeat\": 11}", "{\"delayMs\": -1}", "{\"reorder\": \"yes\"}", "{\"nextTrades\": [\"LATER\"]}",
            "{\"nextTrades\": \"DECLINE\"}", "{\"nextRefunds\": [\"PENDING\"]}", "{\"loseRate\": -0.1}"})
    void bad_updates_are_refused_and_change_nothing(String json) {
        FaultSwitches switches = new FaultSwitches();
        FaultSwitches.View before = switches.view();

        assertThatThrownBy(() -> switches.apply(update(json))).isInstanceOf(InvalidFaults.class);
        assertThat(switches.view()).isEqualTo(before);
    }

    @Test
    void rates_summing_above_one_are_refused_whole() {
        FaultSwitches switches = new FaultSwitches();
        switches.apply(update("{\"declineRate\": 0.5}"));

        assertThatThrownBy(() -> switches.apply(update("{\"pendingRate\": 0.4, \"timeoutRate\": 0.2, \"repeat\": 3}")))
                .isInstanceOf(InvalidFaults.class).hasMessageContaining("must not exceed 1");
        assertThat(switches.view().pendingRate()).isZero();
        assertThat(switches.view().repeat()).isZero();
    }
}
