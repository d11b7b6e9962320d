package io.payonce.bench.target;

import java.io.IOException;
import java.net.URI;

/**
 * The sandbox gateway a run pays through: its base URL for the control API (fault switches, the
 * buyer paying), and, when the bench started it, the handle to kill it with SIGKILL and start it
 * again mid-storm.
 */
public record SandboxGateway(URI baseUrl, GatewayProcess process) {

    /** A gateway someone else runs: the bench can drive its control API, not kill it. */
    public static SandboxGateway external(URI baseUrl) {
        return new SandboxGateway(baseUrl, null);
    }

    public static SandboxGateway of(GatewayProcess process) {
        return new SandboxGateway(process.url(), process);
    }

    /** An absolute URL of the gateway's control API, {@code /sandbox/...}. */
    public String url(String path) {
        return baseUrl.resolve(path).toString();
    }

    /** SIGKILL, as if the gateway's machine died: calls in flight get no answer, notifications stop. */
    public void kill() throws InterruptedException {
        requireProcess().kill();
    }

    /** Starts it again on the same port and folder, and waits until it serves. */
    public void restart() throws IOException {
        requireProcess().restart();
    }

    private GatewayProcess requireProcess() {
        if (process == null) {
            throw new IllegalStateException("The gateway at " + baseUrl + " was not started by the bench: it cannot kill or restart it");
        }
        return process;
    }
}
