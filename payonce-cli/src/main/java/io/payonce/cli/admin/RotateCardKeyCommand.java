package io.payonce.cli.admin;

import java.io.PrintWriter;
import java.time.Duration;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * {@code payonce admin rotate-card-key}: asks a running payonce to seal every card key under a new
 * key version, and waits until it has. The service keeps selling meanwhile; see README.md,
 * "Card-key encryption and rotation", for where the new key comes from.
 */
@Command(name = "rotate-card-key", mixinStandardHelpOptions = true,
        description = {"Re-encrypt every stored card key under a new key version while the service runs.",
                "With the embedded database the service writes the new key file into its data folder itself; with "
                        + "PAYONCE_CARD_KEY_ENCRYPTION_KEY, first add the new version ('1:<old>,2:<new>') on every instance."})
class RotateCardKeyCommand extends ApiKeysCommand.AdminCall {

    /** A rotation answers when every row has moved: about a second per 10,000 rows here, so an hour covers any stock. */
    private static final Duration ROTATION_TIMEOUT = Duration.ofHours(1);

    @Override
    void perform(PrintWriter out) {
        JsonNode answer = connection.send("POST", "/v1/admin/card-keys/rotate", null, ROTATION_TIMEOUT);
        out.println(answer);
        if (answer.path("remaining").asLong(-1) != 0) {
            throw new AdminConnection.Failure("Some rows are still under an older version: rows listed in unreadableIds failed "
                    + "authentication (altered, or copied from another row; see the service log), the others were held by "
                    + "orders too long. Run the command again once they are dealt with.");
        }
    }
}
