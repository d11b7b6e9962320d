package io.payonce.gateway.alipay;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.gateway.alipay.AlipayAnswers.AlipayError;
import io.payonce.gateway.alipay.AlipayMethod.AlipayFailure;
import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.keys.SandboxKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alipay's openapi gateway as the sandbox answers it: the common parameters (sent by the SDK in
 * the query string) and {@code biz_content} (in the form body) arrive as one set of parameters;
 * the request's RSA2 signature is checked under the merchant app's public key, the app id and the
 * protocol fields are checked, and the call goes to the {@link AlipayMethod} of its name. Every
 * answer, refusals included, is signed with the gateway's key, as Alipay does.
 */
public final class AlipayOpenApi {

    private static final Logger log = LoggerFactory.getLogger(AlipayOpenApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Alipay's common parameters plus biz_content: more than 32 is not a call the SDK makes. */
    private static final int PARAMETERS_MAX = 32;
    /** biz_content of these calls is well under 1 KiB; 16 KiB bounds what a forged call can make us parse. */
    private static final int BIZ_CONTENT_CHARS_MAX = 16 * 1024;

    /** The common parameters Alipay requires, in the order it checks them, with the sub_code of each one missing. */
    private static final Map<String, String> REQUIRED = orderedMap("method", "isv.missing-method", "sign", "isv.missing-signature",
            "sign_type", "isv.missing-signature-type", "app_id", "isv.missing-app-id", "timestamp", "isv.missing-timestamp",
            "version", "isv.missing-version", "charset", "isv.missing-charset");

    private final String appId;
    private final String appPublicKeyBase64;
    private final AlipayAnswers answers;
    private final Map<String, AlipayMethod> methods;

    public AlipayOpenApi(SandboxKeys keys, List<AlipayMethod> methods) {
        this.appId = keys.alipayAppId();
        this.appPublicKeyBase64 = Base64.getEncoder().encodeToString(keys.alipayApp().getPublic().getEncoded());
        this.answers = new AlipayAnswers(Base64.getEncoder().encodeToString(keys.alipayGateway().getPrivate().getEncoded()));
        this.methods = methods.stream().collect(Collectors.toUnmodifiableMap(AlipayMethod::name, Function.identity()));
    }

    /**
     * The answer's JSON text to a call with these parameters (each name with every value sent).
     *
     * @throws AnswerLost when the timeout fault asks for the answer to be lost
     */
    public String answer(Map<String, String[]> parameters) {
        String methodName = first(parameters, "method");
        String root = AlipayAnswers.root(methodName != null && methods.containsKey(methodName) ? methodName : null);
        Optional<Map<String, String>> single = singleValued(parameters);
        if (single.isEmpty()) {
            return answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-parameter", "a parameter is sent twice or too many are sent");
        }
        Map<String, String> params = single.get();
        Optional<String> refused = protocolProblem(params, root);
        if (refused.isPresent()) {
            return refused.get();
        }
        Map<String, Object> bizContent;
        try {
            bizContent = bizContent(params.get("biz_content"));
        } catch (IllegalArgumentException e) {
            return answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-parameter", "biz_content is not a JSON object");
        }
        return call(methods.get(methodName), params, bizContent);
    }

    private String call(AlipayMethod method, Map<String, String> params, Map<String, Object> bizContent) {
        String root = AlipayAnswers.root(method.name());
        try {
            return answers.success(method.name(), method.handle(appId, bizContent, commonParams(params)));
        } catch (AlipayFailure failure) {
            return answers.failure(root, AlipayError.BUSINESS_FAILED, failure.subCode(), failure.getMessage());
        } catch (AnswerLost lost) {
            throw lost;
        } catch (RuntimeException e) {
            log.warn("alipay sandbox {} failed: {}", method.name(), e.toString());
            return answers.failure(root, AlipayError.UNAVAILABLE, "isp.unknow-error", "服务暂不可用");
        }
    }

    /** The checks Alipay's gateway makes before any method runs, in its order; the refusal's text if one fails. */
    private Optional<String> protocolProblem(Map<String, String> params, String root) {
        for (Map.Entry<String, String> required : REQUIRED.entrySet()) {
            if (blank(params.get(required.getKey()))) {
                return Optional.of(answers.failure(root, AlipayError.MISSING_ARGUMENTS, required.getValue(),
                        "missing " + required.getKey()));
            }
        }
        if (!methods.containsKey(params.get("method"))) {
            return Optional.of(answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-method", "不存在的方法名"));
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            return Optional.of(answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-signature-type", "sign_type must be RSA2"));
        }
        if (!"utf-8".equalsIgnoreCase(params.get("charset"))) {
            return Optional.of(answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-charset", "charset must be UTF-8"));
        }
        if (params.containsKey("format") && !"json".equalsIgnoreCase(params.get("format"))) {
            return Optional.of(answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-format", "format must be json"));
        }
        if (!appId.equals(params.get("app_id"))) {
            return Optional.of(answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-app-id", "无效的AppID参数"));
        }
        if (!verifies(params)) {
            return Optional.of(answers.failure(root, AlipayError.INVALID_ARGUMENTS, "isv.invalid-signature", "验签出错"));
        }
        return Optional.empty();
    }

    /** Alipay's rule for requests: every non-empty parameter but {@code sign}, sorted, under the app's public key. */
    private boolean verifies(Map<String, String> params) {
        try {
            return AlipaySignature.rsaCheckV2(new HashMap<>(params), appPublicKeyBase64, "UTF-8", "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            return false;
        }
    }

    private static Map<String, Object> bizContent(String text) {
        if (blank(text)) {
            return Map.of();
        }
        if (text.length() > BIZ_CONTENT_CHARS_MAX) {
            throw new IllegalArgumentException("biz_content too long");
        }
        try {
            Object parsed = JSON.readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("biz_content is not an object");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((name, value) -> fields.put(String.valueOf(name), value));
            return fields;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("biz_content is not JSON", e);
        }
    }

    private static Map<String, String> commonParams(Map<String, String> params) {
        Map<String, String> common = new HashMap<>(params);
        common.remove("biz_content");
        common.remove("sign");
        return Map.copyOf(common);
    }

    private static Optional<Map<String, String>> singleValued(Map<String, String[]> parameters) {
        if (parameters.size() > PARAMETERS_MAX) {
            return Optional.empty();
        }
        Map<String, String> single = new HashMap<>();
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            if (entry.getValue() == null || entry.getValue().length != 1) {
                return Optional.empty();
            }
            single.put(entry.getKey(), entry.getValue()[0]);
        }
        return Optional.of(single);
    }

    private static String first(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
