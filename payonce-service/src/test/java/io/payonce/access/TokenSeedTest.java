package io.payonce.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Order tokens derived from the caller's own secret: HMAC-SHA256, the same on a replay, another caller's differs. */
class TokenSeedTest {

    @Test
    void an_order_token_is_the_hmac_sha256_of_the_order_under_the_callers_secret() {
        // printf 'payonce order token\nord_1' | openssl dgst -sha256 -hmac 'seed-secret' -binary | base64url
        assertThat(new TokenSeed("seed-secret").orderToken("ord_1")).isEqualTo("ot_zVjDzXTv-q90gnAS-jzZLFnTWp-OMRiMPOS3WylQbS8");
    }

    @Test
    void the_same_caller_gets_the_same_token_back_and_another_order_or_caller_another() {
        TokenSeed seed = new TokenSeed("seed-secret");

        assertThat(seed.orderToken("ord_1")).isEqualTo(new TokenSeed("seed-secret").orderToken("ord_1"));
        assertThat(seed.orderToken("ord_2")).isNotEqualTo(seed.orderToken("ord_1"));
        assertThat(new TokenSeed("other-secret").orderToken("ord_1")).isNotEqualTo(seed.orderToken("ord_1"));
    }

    @Test
    void a_seed_never_prints_its_secret() {
        assertThat(new TokenSeed("seed-secret").toString()).isEqualTo("TokenSeed[<redacted>]");
    }
}
