package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    @Test
    void an_address_keeps_its_bucket_so_its_limit_holds_across_requests() {
        ClientBuckets buckets = new ClientBuckets(3, 1_000);

        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += buckets.forClient("10.0.0.1").tryConsume(1) ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(3);
        assertThat(buckets.forClient("10.0.0.2").tryConsume(1)).isTrue();
    }

    @Test
    void memory_stays_bounded_under_a_flood_of_new_addresses() {
        ClientBuckets buckets = new ClientBuckets(5, 100);

        for (int i = 0; i < 100_000; i++) {
            buckets.forClient("10.0." + (i / 256) + "." + (i % 256));
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(102);
    }

    @Test
    void an_address_seen_in_the_previous_generation_keeps_its_bucket() {
        ClientBuckets buckets = new ClientBuckets(4, 1);
        Bucket first = buckets.forClient("a");

        buckets.forClient("b");
        Bucket again = buckets.forClient("a");

        assertThat(again).isSameAs(first);
    }
}
