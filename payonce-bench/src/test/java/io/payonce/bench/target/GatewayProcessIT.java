package io.payonce.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.payonce.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's handle on its gateway: killed with SIGKILL mid-run, it comes back on the same port with the same keys. */
class GatewayProcessIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_gateway_killed_with_sigkill_restarts_on_its_port_with_its_keys_and_fresh_fault_switches() throws Exception {
        Database database = new Database(TestDatabase.createDatabase(), TestDatabase.user(), null);
        try (GatewayProcess process = GatewayProcess.start(new GatewayProcess.Launch(dataDir, 0, false, database,
                List.of("payonce.gateway.db.pool-size=2")))) {
            SandboxGateway gateway = SandboxGateway.of(process);
            URI faults = URI.create(gateway.url("/sandbox/alipay/faults"));
            assertThat(send(HttpRequest.newBuilder(faults).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"repeat\": 2}"))).statusCode()).isEqualTo(200);
            String keyBefore = Files.readString(dataDir.resolve("keys/alipay-public.pem"));
            ProcessHandle first = process.handle();

            gateway.kill();
            boolean deadAfterKill = !first.isAlive();
            gateway.restart();

            assertThat(deadAfterKill).isTrue();
            assertThat(process.handle().pid()).isNotEqualTo(first.pid());
            assertThat(send(HttpRequest.newBuilder(faults).GET()).body()).contains("\"repeat\":0");
            assertThat(Files.readString(dataDir.resolve("keys/alipay-public.pem"))).isEqualTo(keyBefore);
            assertThat(process.url()).isEqualTo(gateway.baseUrl());
        }
    }
}
