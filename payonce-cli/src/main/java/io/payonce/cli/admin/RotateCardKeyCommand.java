package io.payonce.cli.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code payonce admin rotate-card-key}: asks a running payonce to seal every card key under a new
 * key version, and waits until it has. The service keeps selling meanwhile; see README.md,
 * "Card-key encryption and rotation", for where the new key comes from.
 */
@Command(name = "rotate-card-key", mixinStandardHelpOptions = true,
        description = {"Re-encrypt every stored card key under a new key version while the service runs.",
                "With the embedded database the service writes the new key file into its data folder itself; with "
                        + "PAYONCE_CARD_KEY_ENCRYPTION_KEY, first add the new version ('1:<old>,2:<new>') on every instance."})
class RotateCardKeyCommand implements Callable<Integer> {

    /** A rotation answers when every row has moved: about a second per 10,000 rows here, so an hour covers any stock. */
    private static final Duration ROTATION_TIMEOUT = Duration.ofHours(1);

    @Option(names = "--url", defaultValue = "${env:PAYONCE_URL:-http://127.0.0.1:8080}",
            description = "Base URL of the running payonce (default: $PAYONCE_URL or ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--admin-token", defaultValue = "${env:PAYONCE_ADMIN_TOKEN}",
            description = "The admin token (default: $PAYONCE_ADMIN_TOKEN; prefer the variable, a command line is visible to other users).")
    String adminToken;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (adminToken == null || adminToken.isBlank()) {
            System.err.println("payonce admin rotate-card-key: set PAYONCE_ADMIN_TOKEN (or --admin-token)");
            return 2;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v1/admin/card-keys/rotate"))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(ROTATION_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() == 200;
            (ok ? System.out : System.err).println(response.body());
            if (ok && !response.body().contains("\"remaining\":0")) {
                System.err.println("Some rows are still under an older version: rows listed in unreadableIds failed authentication "
                        + "(altered, or copied from another row; see the service log), the others were held by orders too long. "
                        + "Run the command again once they are dealt with.");
                return 1;
            }
            return ok ? 0 : 1;
        }
    }
}
