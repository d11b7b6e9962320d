package io.payonce.cli.admin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the admin API is and the credential for it: {@code --url} and {@code --admin-token}, or
 * PAYONCE_URL and PAYONCE_ADMIN_TOKEN. Going through HTTP rather than the database means one
 * command works the same against one instance or a cluster behind a load balancer. Sent once,
 * through payonce-client's transport: an admin command is not retried behind its operator's back.
 */
final class AdminConnection {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpTransport TRANSPORT = HttpTransport.jdk(Duration.ofSeconds(5));

    @Option(names = "--url", defaultValue = "${env:PAYONCE_URL:-http://localhost:8080}",
            description = "The service's base URL (default: $PAYONCE_URL or ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--admin-token", defaultValue = "${env:PAYONCE_ADMIN_TOKEN}",
            description = "A credential with the admin scope (default: $PAYONCE_ADMIN_TOKEN).")
    String adminToken;

    /** A refusal or an unreachable service, with the message to print. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Most admin calls answer in milliseconds; 30 s is a service that is not answering. */
    private static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(30);

    JsonNode send(String method, String path, Object body) {
        return send(method, path, body, TIMEOUT_DEFAULT);
    }

    /** One call, waiting up to {@code timeout} for the answer; a refusal or no answer is a {@link Failure}. */
    JsonNode send(String method, String path, Object body, Duration timeout) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new Failure("No admin credential: pass --admin-token or set PAYONCE_ADMIN_TOKEN");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Authorization", "Bearer " + adminToken), Map.entry("Accept", "application/json")));
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        HttpCall call = new HttpCall(method, URI.create(url.replaceAll("/+$", "") + path), headers,
                body == null ? null : JSON.writeValueAsBytes(body), timeout);
        HttpAnswer response;
        try {
            response = TRANSPORT.send(call);
        } catch (IOException e) {
            throw new Failure("Could not reach payonce at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("Interrupted");
        }
        JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            throw new Failure("payonce answered " + response.statusCode() + " " + answer.path("code").asString("")
                    + ": " + answer.path("detail").asString(response.body()));
        }
        return answer;
    }
}
