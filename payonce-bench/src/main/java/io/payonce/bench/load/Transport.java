package io.payonce.bench.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * How the harness puts a request on the wire. Two implementations, both HTTP/1.1 with keep-alive
 * and a connection pool: the JDK's HttpClient and Apache HttpClient 5 (classic, blocking, on
 * virtual threads). Apache is the default because it costs the harness far less CPU per request
 * on this 2-core machine (BENCHMARKS.md, "harness calibration"), and every microsecond the
 * harness spends is taken from the service it measures.
 */
public interface Transport extends AutoCloseable {

    /** The answer, or an exception: {@link TimedOut} for a timeout, {@link java.net.ConnectException} for a refused connection. */
    Response send(URI uri, Call call) throws IOException, InterruptedException;

    @Override
    void close();

    /** What the harness reads of an answer. */
    record Response(int status, String body, boolean replayed) {
    }

    /** The call did not complete within the request timeout. */
    final class TimedOut extends IOException {
        public TimedOut(String message) {
            super(message);
        }
    }

    /** Transport names as --client takes them. */
    enum Kind { APACHE, JDK }

    static Transport create(Kind kind, Duration timeout, int connectionsMax) {
        return switch (kind) {
            case APACHE -> new ApacheTransport(timeout, connectionsMax);
            case JDK -> new JdkTransport(timeout);
        };
    }
}
