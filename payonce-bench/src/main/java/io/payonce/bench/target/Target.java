package io.payonce.bench.target;

import java.net.URI;

/**
 * The payonce under test: its base URL, the admin token for set-up, its database for the audit
 * (null when the harness was not told where it is: the audit then checks nothing and says so),
 * and the sandbox gateway it pays through (null: the service's own simulator).
 */
public record Target(URI baseUrl, String adminToken, Database database, AutoCloseable owner, SandboxGateway gateway)
        implements AutoCloseable {

    public Target(URI baseUrl, String adminToken, Database database, AutoCloseable owner) {
        this(baseUrl, adminToken, database, owner, null);
    }

    public static Target remote(URI baseUrl, String adminToken, Database database) {
        return new Target(baseUrl, adminToken, database, () -> { });
    }

    public static Target remote(URI baseUrl, String adminToken, Database database, SandboxGateway gateway) {
        return new Target(baseUrl, adminToken, database, () -> { }, gateway);
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }
}
