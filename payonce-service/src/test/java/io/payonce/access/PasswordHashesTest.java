package io.payonce.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    private static final int FAST = PasswordHashes.ITERATIONS_MIN;

    @Test
    void the_right_password_verifies_and_any_other_does_not() {
        String stored = PasswordHashes.hash("correct horse battery", FAST);
        assertThat(stored).startsWith("pbkdf2-sha256$" + FAST + "$").doesNotContain("correct");
        assertThat(PasswordHashes.verify("correct horse battery", stored)).isTrue();
        assertThat(PasswordHashes.verify("correct horse batterY", stored)).isFalse();
        assertThat(PasswordHashes.verify("", stored)).isFalse();
        assertThat(PasswordHashes.verify(null, stored)).isFalse();
        // PBKDF2 takes an empty password: only verify's own check keeps it from matching a hash of one.
        assertThat(PasswordHashes.verify("", PasswordHashes.hash("", FAST))).isFalse();
    }

    @Test
    void two_hashes_of_one_password_differ_by_their_salt() {
        assertThat(PasswordHashes.hash("same password", FAST)).isNotEqualTo(PasswordHashes.hash("same password", FAST));
    }

    @Test
    void a_stored_form_it_cannot_read_or_a_tampered_iteration_count_never_verifies() {
        String stored = PasswordHashes.hash("pw-0123456789", FAST);
        String[] parts = stored.split("\\$");
        assertThat(PasswordHashes.verify("pw-0123456789", null)).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", "plain")).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", "bcrypt$" + parts[1] + "$" + parts[2] + "$" + parts[3])).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", parts[0] + "$" + (FAST - 1) + "$" + parts[2] + "$" + parts[3])).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", parts[0] + "$999999999$" + parts[2] + "$" + parts[3])).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", parts[0] + "$x$" + parts[2] + "$" + parts[3])).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", parts[0] + "$" + parts[1] + "$!!$" + parts[3])).isFalse();
        assertThat(PasswordHashes.verify("pw-0123456789", stored + "$extra")).isFalse();
    }

    @Test
    void a_password_longer_than_the_limit_is_refused_before_hashing() {
        String longest = "p".repeat(PasswordHashes.PASSWORD_CHARS_MAX);
        assertThat(PasswordHashes.verify(longest, PasswordHashes.hash(longest, FAST))).isTrue();
        String tooLong = longest + "p";
        assertThat(PasswordHashes.verify(tooLong, PasswordHashes.hash(tooLong, FAST))).isFalse();
    }

    @Test
    void the_iteration_bounds_are_inclusive() {
        assertThat(PasswordHashes.iterationsAllowed(PasswordHashes.ITERATIONS_MIN)).isTrue();
        assertThat(PasswordHashes.iterationsAllowed(PasswordHashes.ITERATIONS_MAX)).isTrue();
        assertThat(PasswordHashes.iterationsAllowed(PasswordHashes.ITERATIONS_MIN - 1)).isFalse();
        assertThat(PasswordHashes.iterationsAllowed(PasswordHashes.ITERATIONS_MAX + 1)).isFalse();
    }

    @Test
    void iteration_counts_outside_the_bounds_are_refused() {
        assertThatThrownBy(() -> PasswordHashes.hash("pw", FAST - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHashes.hash("pw", PasswordHashes.ITERATIONS_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
