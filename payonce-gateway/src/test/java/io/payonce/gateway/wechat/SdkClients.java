package io.payonce.gateway.wechat;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import io.payonce.gateway.keys.SandboxKeys;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The official SDK as a merchant holds it, its calls sent to a test server instead of WeChat Pay's host. */
final class SdkClients {

    private SdkClients() {
    }

    static RSAPublicKeyConfig merchantConfig(SandboxKeys keys) {
        return config(keys, keys.wechatMerchant().getPrivate(), keys.wechatPlatform().getPublic());
    }

    static RSAPublicKeyConfig config(SandboxKeys keys, PrivateKey merchantKey, PublicKey platformKey) {
        return new RSAPublicKeyConfig.Builder()
                .merchantId(keys.wechatMchId())
                .privateKey(merchantKey)
                .merchantSerialNumber(keys.wechatMerchantSerial())
                .publicKey(platformKey)
                .publicKeyId(keys.wechatPlatformPublicKeyId())
                .apiV3Key(keys.wechatApiV3Key())
                .build();
    }

    /** The SDK's HTTP client with an interceptor that sends every call to {@code baseUrl}, as payonce's adapter does. */
    static HttpClient httpClient(RSAPublicKeyConfig config, String baseUrl) {
        URI base = URI.create(baseUrl);
        OkHttpClient okHttp = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> {
                    HttpUrl url = chain.request().url().newBuilder().scheme(base.getScheme()).host(base.getHost()).port(base.getPort()).build();
                    return chain.proceed(chain.request().newBuilder().url(url).build());
                })
                .build();
        return new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
    }
}
