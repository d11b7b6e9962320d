package io.payonce.web.edge;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a client may hold of the public port ({@code payonce.connections.*}, env PAYONCE_CONNECTIONS_* and the
 * names in application.yml). The management port is a connector of its own and none of these apply to it.
 *
 * @param readTimeout      how long a new connection may take to send a complete request head, how long a
 *                         request's body may take in total, and the longest silence between two bytes of either
 * @param keepAliveTimeout how long an idle kept-alive connection waits for its next request
 * @param max              open connections on the public port; beyond it Tomcat stops accepting (the kernel's
 *                         backlog holds the rest). 1024 on 2 cores: far more than the 16 database connections
 *                         can serve at once, room for a few hundred buyers' kept-alive connections, and about
 *                         30 MB of socket buffers at most
 * @param perClientMax     open connections one client address may hold; a browser opens at most 6 per host, 32
 *                         leaves room for a few buyers behind one NAT
 * @param exempt           addresses not held to {@code perClientMax}: the reverse proxy in front, whose
 *                         connections carry many clients (it enforces its own per-client limits)
 */
@Validated
@ConfigurationProperties("payonce.connections")
public record ConnectionLimits(
        @DefaultValue("5s") @PositiveDuration Duration readTimeout,
        @DefaultValue("15s") @PositiveDuration Duration keepAliveTimeout,
        @DefaultValue("1024") @Min(16) @Max(65_536) int max,
        @DefaultValue("32") @Min(1) @Max(65_536) int perClientMax,
        @DefaultValue({}) @NotNull List<String> exempt) {
}
