package io.payonce.bench.load;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5, classic blocking API, one virtual thread per call: a bounded pool of
 * keep-alive connections, no retries, no redirects, no cookies, no compression, so every
 * request the scenario makes is exactly one request on the wire.
 */
final class ApacheTransport implements Transport {

    private final CloseableHttpClient client;

    ApacheTransport(Duration timeout, int connectionsMax) {
        Timeout limit = Timeout.of(timeout);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connectionsMax)
                .setMaxConnPerRoute(connectionsMax)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    @Override
    public Response send(URI uri, Call call) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(call.method()).setUri(uri);
        call.headers().forEach(builder::addHeader);
        if (call.body() != null) {
            builder.setEntity(new StringEntity(call.body(), ContentType.parse(call.contentType()).withCharset(StandardCharsets.UTF_8)));
        }
        ClassicHttpRequest request = builder.build();
        try {
            return client.execute(request, response -> {
                Header replayed = response.getFirstHeader("Idempotent-Replayed");
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                return new Response(response.getCode(), body, replayed != null && "true".equalsIgnoreCase(replayed.getValue()));
            });
        } catch (ConnectTimeoutException | HttpHostConnectException e) {
            throw new java.net.ConnectException(e.getMessage());
        } catch (InterruptedIOException e) {
            // A read past the response timeout, or no pooled connection free in time.
            throw new TimedOut(e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
