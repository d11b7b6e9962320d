package io.payonce.web.edge;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Protects the public port from clients that hold connections without finishing requests (issue 17):
 * a cap per client address checked when a connection is accepted, deadlines for a request's head
 * and body, a keep-alive timeout and a connection limit. Only the public port's factory is
 * customized: the management port is Spring Boot's child server with a connector, a connection
 * count and request threads of its own, so health answers there while this one is under attack.
 */
@Configuration(proxyBeanMethods = false)
class SlowClientConfig {

    private static final Logger log = LoggerFactory.getLogger(SlowClientConfig.class);

    @Bean
    ClientConnections clientConnections(ConnectionLimits limits, MeterRegistry meters) {
        return new ClientConnections(limits, meters, System::nanoTime);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> guardedConnector(ConnectionLimits limits, ClientConnections connections) {
        return new GuardedConnectorCustomizer(limits, connections);
    }

    /** One platform thread for the whole port: the sweep is a walk over a map, every 250 ms. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService connectionSweeper(ClientConnections connections) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("payonce-connection-sweeper").factory());
        long intervalMs = ClientConnections.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                connections.sweep();
            } catch (RuntimeException e) {
                // A failed sweep must not end the schedule: the next one tries again.
                log.error("Sweeping slow connections failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return sweeper;
    }

    /** First of all filters: the deadline starts as soon as the request head is in. */
    @Bean
    FilterRegistrationBean<RequestBodyDeadlineFilter> requestBodyDeadlineFilter(ConnectionLimits limits, ClientConnections connections) {
        FilterRegistrationBean<RequestBodyDeadlineFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyDeadlineFilter(limits.readTimeout().toNanos(), connections));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Runs after Spring Boot's own Tomcat customizers (which apply {@code server.tomcat.*}, including
     * its default of 8,192 connections), so these limits are the ones the public connector keeps.
     */
    private record GuardedConnectorCustomizer(ConnectionLimits limits, ClientConnections connections)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
            factory.addEngineValves(new RequestTrackingValve(connections));
            factory.addConnectorCustomizers(this::limit);
        }

        private void limit(Connector connector) {
            if (!(connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol protocol)) {
                throw new IllegalStateException("the public connector is not payonce's guarded protocol: "
                        + connector.getProtocolHandler().getClass().getName());
            }
            protocol.guardWith(connections);
            // Tomcat's connection timeout is the time to the first byte of a request and the longest
            // silence between two bytes of a head or a body; the totals are ClientConnections' and
            // RequestBodyDeadlineFilter's.
            protocol.setConnectionTimeout(Math.toIntExact(limits.readTimeout().toMillis()));
            protocol.setKeepAliveTimeout(Math.toIntExact(limits.keepAliveTimeout().toMillis()));
            protocol.setMaxConnections(limits.max());
            // The kernel's queue of connections not yet accepted, as deep as the connection limit: a
            // burst (a flood, or a refused client reconnecting all at once) waits there for the
            // acceptor, which refuses it cheaply, instead of overflowing it and dropping the
            // connection attempts of honest buyers with it (Tomcat's default is 100).
            protocol.setAcceptCount(limits.max());
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
