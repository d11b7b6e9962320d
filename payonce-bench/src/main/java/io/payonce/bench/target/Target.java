package io.payonce.bench.target;

import java.net.URI;

/**
 * The payonce under test: its base URL, the admin token for set-up, and its database for the
 * audit (null when the harness was not told where it is: the audit then checks nothing and says so).
 */
public record Target(URI baseUrl, String adminToken, Database database, AutoCloseable owner) implements AutoCloseable {

    public static Target remote(URI baseUrl, String adminToken, Database database) {
        return new Target(baseUrl, adminToken, database, () -> { });
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }
}
