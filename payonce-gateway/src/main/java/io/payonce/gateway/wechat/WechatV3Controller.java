package io.payonce.gateway.wechat;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat Pay's v3 API on the sandbox's port, at the paths the official SDK calls
 * ({@code /v3/pay/transactions/...}, {@code /v3/refund/domestic/refunds...}): hands each call
 * as it arrived to {@link WechatV3Api} and writes its signed answer back byte for byte.
 */
@RestController
class WechatV3Controller {

    private final WechatV3Api api;

    WechatV3Controller(WechatV3Api api) {
        this.api = api;
    }

    @RequestMapping(path = {"/v3/pay/transactions/**", "/v3/refund/domestic/refunds", "/v3/refund/domestic/refunds/**"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> call(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        WechatAnswer answer = api.handle(new WechatCall(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                request.getHeader("Authorization"), body == null ? "" : new String(body, StandardCharsets.UTF_8), origin(request)));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        answer.headers().forEach(response::header);
        // Bytes, not a String: the body must reach the client exactly as it was signed.
        return answer.body().isEmpty() ? response.build() : response.body(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code scheme://host:port} as the client reached this gateway: the pay page's URL is built on it. */
    private static String origin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }
}
