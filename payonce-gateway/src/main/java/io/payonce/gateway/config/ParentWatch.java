package io.payonce.gateway.config;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With {@code payonce.gateway.parent-pid} set (by launchers that start the gateway as their child:
 * {@code payonce serve}, {@code payonce bench}), the gateway exits once that process is gone, even
 * when it was killed with {@code kill -9} and ran no shutdown code of its own. The exit runs this
 * JVM's shutdown hooks, which close the gateway and its database. The launcher names itself by
 * pid rather than being looked up as this process's parent: a parent that died before the
 * gateway started watching would have been replaced by init.
 */
@Component
class ParentWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    private final Long parentPid;
    private volatile boolean running;

    ParentWatch(@Value("${payonce.gateway.parent-pid:#{null}}") Long parentPid) {
        this.parentPid = parentPid;
    }

    @Override
    public void start() {
        running = true;
        if (parentPid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            exit();
            return;
        }
        parent.get().onExit().thenRun(this::exit);
    }

    private void exit() {
        log.warn("The process that started this sandbox gateway (pid {}) is gone; exiting", parentPid);
        // Not on the caller's thread: System.exit waits for the shutdown hooks, which stop this context.
        Thread.ofPlatform().name("sandbox-gateway-exit").start(() -> System.exit(0));
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
