package io.payonce.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The shape of every bearer secret, and the limits of reading one back. */
class SecretsTest {

    @Test
    void an_issued_token_is_kind_then_a_twelve_character_id_then_256_random_bits() {
        Secrets.Issued issued = Secrets.issue("pk");

        assertThat(issued.token()).matches("pk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
        assertThat(issued.token()).startsWith("pk_" + issued.id() + "_");
        assertThat(issued.hash()).isEqualTo(Secrets.sha256(issued.token()));
        assertThat(Secrets.issue("pk").token()).isNotEqualTo(issued.token());
    }

    @Test
    void the_stored_hash_is_the_sha256_of_the_whole_token() {
        assertThat(HexFormat.of().formatHex(Secrets.sha256("pk_abc")))
                .isEqualTo("0becee1d38a2a7aaff3894472d49157cd802878c92b2985e01ac8422fe8de9af");
    }

    @Test
    void an_issued_token_is_read_back_with_its_id() {
        Secrets.Issued issued = Secrets.issue("bs");

        assertThat(Secrets.parse("bs", issued.token())).contains(new Secrets.Presented(issued.id(), issued.token()));
    }

    @Test
    void a_token_of_another_kind_or_none_is_not_read() {
        assertThat(Secrets.parse("pk", Secrets.issue("bs").token())).isEmpty();
        assertThat(Secrets.parse("pk", null)).isEmpty();
        assertThat(Secrets.parse("pk", "pkx_abcdefghijkl_secret")).isEmpty();
    }

    @Test
    void a_token_of_exactly_128_characters_is_read_and_of_129_is_not() {
        String id = "abcdefghij01";
        String at = "pk_" + id + "_" + "s".repeat(128 - 16);
        String past = at + "s";

        assertThat(at).hasSize(128);
        assertThat(Secrets.parse("pk", at)).isPresent();
        assertThat(Secrets.parse("pk", past)).isEmpty();
    }

    @Test
    void an_id_of_eleven_or_thirteen_characters_is_not_read() {
        assertThat(Secrets.parse("pk", "pk_abcdefghij0_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_abcdefghij012_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_abcdefghij01_secret")).isPresent();
    }

    @Test
    void an_id_outside_lowercase_letters_and_digits_is_not_read() {
        assertThat(Secrets.parse("pk", "pk_abcdefghij0A_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_abcdefghij0-_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_{bcdefghij01_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_`bcdefghij01_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_/bcdefghij01_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_:bcdefghij01_secret")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_zbcdefghij09_secret")).isPresent();
        assertThat(Secrets.parse("pk", "pk_0bcdefghij9a_secret")).isPresent();
    }

    @Test
    void a_token_without_a_secret_or_without_its_separator_is_not_read() {
        assertThat(Secrets.parse("pk", "pk_abcdefghij01_")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_abcdefghij01")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_abcdefghij01x")).isEmpty();
        assertThat(Secrets.parse("pk", "pk_abcdefghij01_x")).isPresent();
    }

    @Test
    void a_token_matches_its_own_hash_and_a_token_one_character_off_does_not() {
        Secrets.Issued issued = Secrets.issue("pk");
        String last = issued.token().substring(issued.token().length() - 1);
        String offByOne = issued.token().substring(0, issued.token().length() - 1) + (last.equals("A") ? "B" : "A");

        assertThat(Secrets.matches(issued.token(), issued.hash())).isTrue();
        assertThat(Secrets.matches(offByOne, issued.hash())).isFalse();
    }

    @Test
    void a_random_secret_is_256_bits_in_url_safe_base64_without_padding() {
        assertThat(Secrets.randomSecret()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(Secrets.randomSecret());
    }

    @Test
    void tokens_never_print() {
        Secrets.Issued issued = Secrets.issue("pk");

        assertThat(issued.toString()).contains(issued.id()).doesNotContain(issued.token().substring(16));
        assertThat(new Secrets.Presented(issued.id(), issued.token()).toString())
                .contains(issued.id()).doesNotContain(issued.token().substring(16));
    }
}
