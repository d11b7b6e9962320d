package io.payonce.bench.slow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.payonce.bench.Bench;
import io.payonce.bench.BenchSettings;
import io.payonce.bench.load.LoadModel;
import io.payonce.bench.load.LoadPlan;
import io.payonce.bench.load.Transport;
import io.payonce.bench.support.BenchService;
import io.payonce.bench.target.EmbeddedService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --slow-clients}: a mixed run with 200 slow connections from 127.0.0.2 against the
 * bench's own service on 127.0.0.1: every real buyer's call answered without error, the audit
 * passes, and the slow clients were refused or cut off and say so in slow-clients.json.
 */
class SlowClientsBenchIT {

    @TempDir
    Path out;

    @Test
    void real_buyers_are_served_and_the_audit_passes_while_slow_clients_hold_connections() throws Exception {
        try (BenchService service = BenchService.start()) {
            LoadPlan plan = new LoadPlan(new LoadModel.Open(30), Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(6), 0,
                    256, Duration.ofSeconds(10), Duration.ofSeconds(20));
            BenchSettings settings = new BenchSettings("mixed", service.target().baseUrl(), service.target().adminToken(),
                    service.database(), plan, BenchService.options(200, 100, 2_000), out, EmbeddedService.Mode.IN_PROCESS, 300,
                    Duration.ofSeconds(60), true, Transport.Kind.APACHE);
            SlowClients.Plan slow = new SlowClients.Plan(200, InetAddress.getByName("127.0.0.2"));

            Bench.Outcome outcome = new Bench(settings, System.err).withSlowClients(slow).runAgainst(service.target());

            assertThat(outcome.summary().audit().passed()).as(outcome.summary().audit().toString()).isTrue();
            assertThat(outcome.summary().requests()).isPositive();
            assertThat(outcome.summary().errors()).as(outcome.summary().errorsByCause().toString()).isZero();
            String report = Files.readString(out.resolve("slow-clients.json"));
            assertThat(report).containsPattern("\"connections\"\\s*:\\s*200").containsPattern("\"from\"\\s*:\\s*\"127.0.0.2\"");
            assertThat(Long.parseLong(report.replaceAll("(?s).*\"refusedOrCut\"\\s*:\\s*(\\d+).*", "$1"))).isPositive();
        }
    }

    @Test
    void the_option_reads_its_address_and_refuses_what_it_cannot_do() throws Exception {
        assertThat(SlowClientsOption.plan(0, null, null)).isEqualTo(SlowClients.Plan.NONE);
        assertThat(SlowClientsOption.plan(10, null, null).from()).isEqualTo(InetAddress.getByName("127.0.0.2"));
        assertThat(SlowClientsOption.plan(10, "127.0.0.9", null).from()).isEqualTo(InetAddress.getByName("127.0.0.9"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlowClientsOption.plan(20_001, null, null))
                .hasMessageContaining("--slow-clients");
    }
}
