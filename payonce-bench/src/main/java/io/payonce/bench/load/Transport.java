package io.payonce.bench.load;

import java.time.Duration;

import io.payonce.client.http.HttpTransport;

/**
 * Which of payonce-client's transports the harness puts its requests on (--client). Both are
 * HTTP/1.1 with keep-alive and a connection pool, and neither retries: the JDK's HttpClient and
 * Apache HttpClient 5 (classic, blocking, on virtual threads). Apache is the default because it
 * costs the harness far less CPU per request on this 2-core machine (BENCHMARKS.md, "harness
 * calibration"), and every microsecond the harness spends is taken from the service it measures.
 */
public final class Transport {

    private Transport() {
    }

    /** Transport names as --client takes them. */
    public enum Kind { APACHE, JDK }

    /** {@code timeout} bounds opening a connection; each call carries its own request timeout. */
    public static HttpTransport create(Kind kind, Duration timeout, int connectionsMax) {
        return switch (kind) {
            case APACHE -> HttpTransport.apache(timeout, connectionsMax);
            case JDK -> HttpTransport.jdk(timeout);
        };
    }
}
