package io.payonce.gateway.alipay;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /alipay/gateway.do}, the URL Alipay's SDK is pointed at. Tomcat hands over the
 * query string's common parameters and the form body's {@code biz_content} as one parameter map,
 * each name with every value sent, so a parameter sent twice is seen and refused.
 */
@RestController
class AlipayOpenApiController {

    private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

    private final AlipayOpenApi openApi;

    AlipayOpenApiController(AlipayOpenApi openApi) {
        this.openApi = openApi;
    }

    @PostMapping("/alipay/gateway.do")
    ResponseEntity<String> gateway(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(JSON_UTF8).body(openApi.answer(request.getParameterMap()));
    }
}
