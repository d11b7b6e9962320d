package io.payonce.client.http;

import java.io.IOException;
import java.time.Duration;

/**
 * How the client puts one request on the wire, with no retry of its own: every retry is the
 * client's decision, under the logical call's Idempotency-Key. Two implementations, both HTTP/1.1
 * with keep-alive: {@link JdkTransport} (the default, JDK only) and {@link ApacheTransport}
 * (Apache HttpClient 5, cheaper per request; the bench's choice).
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * The answer, or: {@link java.net.ConnectException} when no connection could be opened (the
     * request was not sent), {@link TimedOut} when no answer came within the call's timeout (it may
     * have been applied), another {@link IOException} when the connection broke.
     */
    HttpAnswer send(HttpCall call) throws IOException, InterruptedException;

    @Override
    void close();

    /** The JDK's HttpClient; {@code connectTimeout} bounds opening a connection. */
    static HttpTransport jdk(Duration connectTimeout) {
        return new JdkTransport(connectTimeout);
    }

    /** Apache HttpClient 5 (needs it on the class path) with at most {@code connectionsMax} pooled connections. */
    static HttpTransport apache(Duration connectTimeout, int connectionsMax) {
        return new ApacheTransport(connectTimeout, connectionsMax);
    }

    /** The call did not complete within its timeout: the server may or may not have applied it. */
    final class TimedOut extends IOException {
        public TimedOut(String message) {
            super(message);
        }
    }
}
