package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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

        // Each generation holds at most 51 (clientsMax / 2, plus the one that fills it), and the
        // last 51 addresses seen are remembered: bounded, yet not forgetting everyone.
        assertThat(buckets.size()).isBetween(51, 102);
    }

    @Test
    void size_counts_the_addresses_of_both_generations() {
        ClientBuckets buckets = new ClientBuckets(5, 4);

        buckets.forClient("a");
        buckets.forClient("b");
        assertThat(buckets.size()).isEqualTo(2);

        buckets.forClient("c");
        assertThat(buckets.size()).as("a full generation becomes the previous one").isEqualTo(3);

        buckets.forClient("d");
        assertThat(buckets.size()).isEqualTo(4);
    }

    @Test
    void a_known_address_gets_its_own_bucket_back_not_a_new_one() {
        AtomicInteger created = new AtomicInteger();
        ClientBuckets buckets = new ClientBuckets(1_000, () -> {
            created.incrementAndGet();
            return newBucket();
        });

        Bucket first = buckets.forClient("10.0.0.1");
        assertThat(buckets.forClient("10.0.0.1")).isSameAs(first);
        assertThat(created).hasValue(1);
    }

    @Test
    void requests_racing_for_a_new_address_share_the_bucket_stored_first() {
        ClientBuckets[] buckets = new ClientBuckets[1];
        AtomicInteger created = new AtomicInteger();
        buckets[0] = new ClientBuckets(1_000, () -> {
            if (created.incrementAndGet() == 1) {
                // A second request for the same address wins the race while this one builds its bucket.
                buckets[0].forClient("10.0.0.1");
            }
            return newBucket();
        });

        Bucket loser = buckets[0].forClient("10.0.0.1");

        assertThat(loser).isSameAs(buckets[0].forClient("10.0.0.1"));
    }

    @Test
    void a_request_whose_generation_was_already_rotated_does_not_rotate_again() {
        ClientBuckets[] buckets = new ClientBuckets[1];
        AtomicInteger created = new AtomicInteger();
        Bucket[] fresh = new Bucket[1];
        buckets[0] = new ClientBuckets(2, () -> {
            if (created.incrementAndGet() == 1) {
                // While this request builds its bucket, others fill the generation (it rotates) and
                // start the next one; this request then adds to the generation that is now previous.
                buckets[0].forClient("b");
                buckets[0].forClient("c");
                fresh[0] = buckets[0].forClient("d");
            }
            return newBucket();
        });

        buckets[0].forClient("a");

        assertThat(buckets[0].forClient("d")).as("the new generation is kept").isSameAs(fresh[0]);
        assertThat(buckets[0].size()).isEqualTo(4);
    }

    private static Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofHours(1))).build();
    }

    @Test
    void an_address_seen_in_the_previous_generation_keeps_its_bucket() {
        ClientBuckets buckets = new ClientBuckets(4, 1);
        Bucket first = buckets.forClient("a");

        buckets.forClient("b");
        Bucket again = buckets.forClient("a");

        assertThat(again).isSameAs(first);
    }

    @Test
    void buckets_per_window_hold_each_address_to_its_capacity_until_the_window_refills_them() {
        ClientBuckets buckets = ClientBuckets.perWindow(3, Duration.ofHours(1), 10);

        for (int i = 0; i < 3; i++) {
            assertThat(buckets.forClient("10.0.0.1").tryConsume(1)).isTrue();
        }
        assertThat(buckets.forClient("10.0.0.1").tryConsume(1)).isFalse();
        assertThat(buckets.forClient("10.0.0.2").tryConsume(3)).isTrue();
    }
}
