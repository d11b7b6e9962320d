package io.payonce.gateway.bills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class BillLinksTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);
    private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");

    @Test
    void a_link_opens_to_its_day_until_it_expires() {
        HandClock clock = new HandClock(NOW);
        BillLinks links = new BillLinks(clock);
        String name = links.issue(DAY);

        clock.now = NOW.plus(BillLinks.VALID);
        assertThat(links.open(name)).contains(DAY);
        clock.now = NOW.plus(BillLinks.VALID).plusSeconds(1);
        assertThat(links.open(name)).isEmpty();
    }

    @Test
    void a_link_edited_for_another_day_or_a_later_expiry_or_from_another_process_does_not_open() {
        BillLinks links = new BillLinks(Clock.fixed(NOW, ZoneOffset.UTC));
        String name = links.issue(DAY);

        assertThat(links.open(name.replace("20261129", "20261128"))).isEmpty();
        String[] parts = name.split("-");
        assertThat(links.open(parts[0] + "-" + (Long.parseLong(parts[1]) + 3600) + "-" + parts[2])).isEmpty();
        assertThat(new BillLinks(Clock.fixed(NOW, ZoneOffset.UTC)).open(name)).isEmpty();
        assertThat(links.open("../../etc/passwd")).isEmpty();
        assertThat(links.open(null)).isEmpty();
    }

    /** Time moves only when the test moves it. */
    static final class HandClock extends Clock {
        volatile Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
