package io.payonce.gateway.wechat;

/**
 * One call to the sandbox's WeChat Pay v3 API as it arrived: what the merchant signed (method,
 * raw path and query, body) and where it came in ({@code origin}, {@code scheme://host:port}),
 * free of any web framework so that the protocol can be tested on its own.
 *
 * @param rawPath  the path as sent, percent-encoding kept (the merchant signed it so)
 * @param rawQuery the query as sent without {@code ?}, or null
 */
public record WechatCall(String method, String rawPath, String rawQuery, String authorization, String body, String origin) {

    public WechatCall {
        body = body == null ? "" : body;
    }

    /** The URL as WeChat Pay signs it: path, and {@code ?query} when there is one. */
    String canonicalUrl() {
        return rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }
}
