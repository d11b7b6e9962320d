package io.payonce.channels.wechat;

import java.io.IOException;
import java.net.URI;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends the SDK's calls to the configured base URL. The SDK's services write WeChat Pay's host
 * into every URL ({@code https://api.mch.weixin.qq.com/v3/...}) and offer no setting for it; this
 * interceptor, on the OkHttp client handed to the SDK, replaces scheme, host and port only, so the
 * path and query, which the request's signature covers, reach the other host unchanged.
 */
final class GatewayHost implements Interceptor {

    private final String scheme;
    private final String host;
    private final int port;

    GatewayHost(URI baseUrl) {
        this.scheme = baseUrl.getScheme();
        this.host = baseUrl.getHost();
        this.port = baseUrl.getPort() >= 0 ? baseUrl.getPort() : HttpUrl.defaultPort(scheme);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl url = chain.request().url().newBuilder().scheme(scheme).host(host).port(port).build();
        return chain.proceed(chain.request().newBuilder().url(url).build());
    }
}
