package io.payonce.web.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.membership.MemberError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

/** The envelope's codes carry their HTTP status in their first three digits, for every code. */
class MemberStatusesTest {

    @ParameterizedTest
    @EnumSource(MemberError.class)
    void every_code_is_answered_with_the_status_of_its_first_three_digits(MemberError error) {
        assertThat(MemberStatuses.of(error).value()).isEqualTo(error.code() / 100);
        assertThat(MemberStatuses.of(error).isError()).isTrue();
    }

    @Test
    void a_replayed_nonce_is_401_a_conflicting_order_409_and_an_internal_error_500() {
        assertThat(MemberStatuses.of(MemberError.REPLAYED_NONCE)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(MemberStatuses.of(MemberError.ORDER_CONFLICT)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(MemberStatuses.of(MemberError.INTERNAL)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
