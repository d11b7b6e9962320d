package io.payonce.idempotency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Waiting for a key whose first request runs in another instance, by PostgreSQL's LISTEN/NOTIFY:
 * the waiter marks the key ({@code waiters}), and the transaction that completes, releases or
 * unlocks a marked key notifies {@value #CHANNEL} with the key's id when it commits. One
 * connection per instance listens, opened the first time a request waits (most instances never
 * do), outside the pool so it never takes a request's connection.
 */
@Component
class KeyNotifications implements DisposableBean {

    static final String CHANNEL = "payonce_idempotency";

    private static final Logger log = LoggerFactory.getLogger(KeyNotifications.class);

    /** How long the listener blocks for notifications before it checks whether it should stop. */
    private static final int POLL_MS = 500;

    private final DataSource dataSource;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private Thread listener;
    private volatile boolean stopped;

    KeyNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers interest in a key before the waiter marks it (so no notification can slip between
     * the two); every waiter of one key in this instance shares one future.
     */
    CompletableFuture<Void> expect(IdempotentRequest request) throws InterruptedException {
        startListening();
        return waiting.computeIfAbsent(LocalFlights.id(request), id -> new CompletableFuture<>());
    }

    /** Waits for the key's notification until {@code deadlineNanos}; returns whether it came. */
    static boolean await(CompletableFuture<Void> notified, long deadlineNanos) throws InterruptedException {
        try {
            notified.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private synchronized void startListening() throws InterruptedException {
        if (listener != null || stopped) {
            return;
        }
        CompletableFuture<Void> listening = new CompletableFuture<>();
        listener = Thread.ofPlatform().daemon().name("payonce-key-notifications").start(() -> listen(listening));
        try {
            // LISTEN must hold before the first waiter marks its key, or that key's notification is lost.
            listening.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not LISTEN for idempotency keys; duplicates from other instances wait out their bound", e);
        }
    }

    private void listen(CompletableFuture<Void> listening) {
        while (!stopped) {
            try (Connection connection = open(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                listening.complete(null);
                // Anything sent while no connection listened was missed: its waiters look again.
                wakeAll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!stopped) {
                    log.warn("Listening for idempotency keys failed; reconnecting in 1 s: {}", e.getMessage());
                    listening.completeExceptionally(e);
                    wakeAll();
                    sleepASecond();
                }
            }
        }
    }

    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    private void wake(String id) {
        CompletableFuture<Void> notified = waiting.remove(id);
        if (notified != null) {
            notified.complete(null);
        }
    }

    private void wakeAll() {
        waiting.keySet().forEach(this::wake);
    }

    private static void sleepASecond() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            stopped = true;
            running = listener;
        }
        wakeAll();
        if (running != null) {
            running.join(POLL_MS * 4L);
        }
    }
}
