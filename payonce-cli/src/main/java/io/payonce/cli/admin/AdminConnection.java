package io.payonce.cli.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the admin API is and the credential for it: {@code --url} and {@code --admin-token}, or
 * PAYONCE_URL and PAYONCE_ADMIN_TOKEN. Going through HTTP rather than the database means one
 * command works the same against one instance or a cluster behind a load balancer.
 */
final class AdminConnection {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
