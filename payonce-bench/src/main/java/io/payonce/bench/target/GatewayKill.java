package io.payonce.bench.target;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The sandbox gateway killed with SIGKILL in the middle of the load and started again
 * ({@code --kill-gateway-after}): calls in flight at that moment get no answer, notifications stop
 * until it is back, and payonce must still end with every payment settled exactly once. Its fault
 * switches, kept in memory, come back reset.
 */
public final class GatewayKill implements AutoCloseable {

    /** When to kill it, counted from the start of the load, and how long it stays down. */
    public record Plan(Duration after, Duration down) {
        public static final Plan NONE = new Plan(null, Duration.ZERO);

        public boolean enabled() {
            return after != null;
        }
    }

    private final Thread thread;
    private volatile Exception failure;

    private GatewayKill(Plan plan, SandboxGateway gateway, Consumer<String> say) {
        this.thread = Thread.ofVirtual().name("bench-gateway-kill").start(() -> run(plan, gateway, say));
    }

    /** Starts the countdown; nothing happens when the plan is off. */
    public static GatewayKill start(Plan plan, SandboxGateway gateway, Consumer<String> say) {
        if (plan.enabled() && (gateway == null || gateway.process() == null)) {
            throw new IllegalStateException("--kill-gateway-after needs the sandbox gateway the bench starts itself");
        }
        return new GatewayKill(plan, gateway, say);
    }

    private void run(Plan plan, SandboxGateway gateway, Consumer<String> say) {
        if (!plan.enabled()) {
            return;
        }
        try {
            Thread.sleep(plan.after());
            say.accept("bench: killing the sandbox gateway (SIGKILL) mid-load");
            gateway.kill();
            Thread.sleep(plan.down());
            gateway.restart();
            say.accept("bench: the sandbox gateway is back on " + gateway.baseUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Waits until the gateway is back (a run never audits with its gateway down); a failed restart fails the run. */
    @Override
    public void close() throws Exception {
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the sandbox gateway did not come back after its kill: " + failure.getMessage(), failure);
        }
    }
}
