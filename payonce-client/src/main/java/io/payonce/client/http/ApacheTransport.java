package io.payonce.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5, classic blocking API (one virtual thread per call does well with it): a
 * bounded pool of keep-alive connections, no retries, no redirects, no cookies, no compression,
 * so every call is exactly one request on the wire.
 */
public final class ApacheTransport implements HttpTransport {

    /** The request config of the last timeout asked for: a load run uses one timeout, so this spares an allocation per call. */
    private record TimeoutConfig(Duration timeout, RequestConfig config) {
    }

    private final CloseableHttpClient client;
    private volatile TimeoutConfig lastConfig = new TimeoutConfig(Duration.ZERO, RequestConfig.DEFAULT);

    ApacheTransport(Duration connectTimeout, int connectionsMax) {
        Timeout connect = Timeout.of(connectTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connectionsMax)
                        .setMaxConnPerRoute(connectionsMax)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    @Override
    public HttpAnswer send(HttpCall call) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(call.method()).setUri(call.uri());
        String contentType = null;
        for (Map.Entry<String, String> header : call.headers()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue();
            } else {
                builder.addHeader(header.getKey(), header.getValue());
            }
        }
        if (call.body() != null) {
            builder.setEntity(new ByteArrayEntity(call.body(), contentType == null ? null : ContentType.parse(contentType)));
        } else if (contentType != null) {
            builder.addHeader("Content-Type", contentType);
        }
        ClassicHttpRequest request = builder.build();
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config(call.timeout()));
        try {
            return client.execute(request, context, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                Header[] headers = response.getHeaders();
                return HttpAnswer.lazy(response.getCode(), name -> first(headers, name), () -> headers(headers), body);
            });
        } catch (ConnectTimeoutException | HttpHostConnectException e) {
            throw new ConnectException(e.getMessage());
        } catch (InterruptedIOException e) {
            // A read past the response timeout, or no pooled connection free in time.
            throw new TimedOut(e.getMessage());
        }
    }

    private RequestConfig config(Duration timeout) {
        TimeoutConfig last = lastConfig;
        if (!last.timeout().equals(timeout)) {
            Timeout limit = Timeout.of(timeout);
            last = new TimeoutConfig(timeout, RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build());
            lastConfig = last;
        }
        return last.config();
    }

    private static String first(Header[] headers, String name) {
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static HttpHeaders headers(Header[] headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
