package io.payonce.bench.target;

import java.net.URI;

/**
 * The payonce under test: its base URL, the admin token for set-up, its database for the audit
 * (null when the harness was not told where it is: the audit then checks nothing and says so),
 * the sandbox gateway it pays through (null: none the bench knows of), and the service's process
 * when the bench started it as one (null: in the bench's own JVM, or remote), so that its CPU can
 * be told apart from the gateway's and the harness's.
 */
public record Target(URI baseUrl, String adminToken, Database database, AutoCloseable owner, SandboxGateway gateway,
                     ProcessHandle serviceProcess) implements AutoCloseable {

    public Target(URI baseUrl, String adminToken, Database database, AutoCloseable owner) {
        this(baseUrl, adminToken, database, owner, null, null);
    }

    public Target(URI baseUrl, String adminToken, Database database, AutoCloseable owner, SandboxGateway gateway) {
        this(baseUrl, adminToken, database, owner, gateway, null);
    }

    /** The sandbox gateway's process now, when the bench runs it (it may have been restarted). */
    public ProcessHandle gatewayProcess() {
        return gateway == null || gateway.process() == null ? null : gateway.process().handle();
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
