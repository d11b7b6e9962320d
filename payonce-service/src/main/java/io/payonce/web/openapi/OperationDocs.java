package io.payonce.web.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.payonce.idempotency.IdempotencyKeys;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.membership.MemberError;
import io.payonce.web.ErrorCode;
import io.payonce.web.IdempotentResponses;
import io.payonce.web.access.AccessDocumentation;
import io.payonce.web.ratelimit.RateLimitConfig;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes down every answer of an operation that the code decides in one place: the security its
 * route has in AccessRules, and each problem {@code code} it can answer, grouped by status, with
 * {@code Retry-After} and {@code Idempotent-Replayed} where they are sent. An endpoint adds its
 * success answer with {@code @ApiResponse} and its own refusals with {@link Refusals}; the rest is
 * derived here, so a new endpoint is documented with those two annotations.
 */
class OperationDocs implements OperationCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String ENVELOPE_SCHEMA = "MemberEnvelope";
    static final String RETRY_AFTER = "Retry-After";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String SUBMIT_TOKEN = "Submit-Token";

    /** Refusals of any request body: too large, or too slow to arrive. */
    private static final Set<ErrorCode> BODY_REFUSALS = EnumSet.of(ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.REQUEST_TIMEOUT);
    /** Refusals of a body payonce reads as JSON of a declared schema. */
    private static final Set<ErrorCode> JSON_REFUSALS = EnumSet.of(ErrorCode.MALFORMED_JSON, ErrorCode.INVALID_REQUEST);
    private static final Set<ErrorCode> KEY_REFUSALS = EnumSet.of(ErrorCode.IDEMPOTENCY_KEY_MISSING, ErrorCode.IDEMPOTENCY_KEY_INVALID,
            ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED);

    private final BeanFactory beans;

    OperationDocs(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Route route = Route.of(handler);
        operation.setSecurity(AccessDocumentation.security(route.method(), route.path()));
        EnvelopeErrors envelope = handler.getMethodAnnotation(EnvelopeErrors.class);
        if (envelope != null) {
            documentEnvelope(operation, envelope.value());
            return operation;
        }
        Idempotent idempotent = handler.getMethodAnnotation(Idempotent.class);
        Set<ErrorCode> stored = idempotent == null ? Set.of() : finalRefusals(idempotent);
        Set<ErrorCode> codes = problemCodes(operation, handler, route, idempotent != null);
        codes.addAll(stored);
        documentProblems(operation, codes, stored);
        if (idempotent != null) {
            requireKey(operation);
            successes(operation).forEach(response -> response.addHeaderObject(IdempotentResponses.REPLAYED_HEADER, replayedHeader()));
        }
        return operation;
    }

    /** Every code the endpoint can answer, as far as the rules around the use case decide it. */
    static Set<ErrorCode> problemCodes(Operation operation, HandlerMethod handler, Route route, boolean idempotent) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        codes.addAll(AccessDocumentation.refusals(route.method(), route.path()));
        if (operation.getRequestBody() != null) {
            codes.addAll(BODY_REFUSALS);
            if (readsJsonSchema(operation)) {
                codes.addAll(JSON_REFUSALS);
            }
        }
        if (route.consumesJson()) {
            codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        if (idempotent) {
            codes.addAll(KEY_REFUSALS);
        }
        if (RateLimitConfig.limits(route.path())) {
            codes.add(ErrorCode.RATE_LIMITED);
        }
        codes.addAll(io.payonce.web.store.CaptchaDocumentation.refusals(route.method(), route.path()));
        codes.add(ErrorCode.SERVICE_UNAVAILABLE);
        Refusals own = handler.getMethodAnnotation(Refusals.class);
        if (own != null) {
            codes.addAll(List.of(own.value()));
        }
        return codes;
    }

    /** A body bound to a named schema is parsed and validated; a free-form one (a gateway's) is not. */
    private static boolean readsJsonSchema(Operation operation) {
        Content content = operation.getRequestBody().getContent();
        MediaType json = content == null ? null : content.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        return json != null && json.getSchema() != null && json.getSchema().get$ref() != null;
    }

    private Set<ErrorCode> finalRefusals(Idempotent idempotent) {
        IdempotentOperation<?, ?> use = beans.getBean(idempotent.value());
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        use.finalRefusals().forEach(reason -> codes.add(ErrorCode.of(reason)));
        return codes;
    }

    private static void documentProblems(Operation operation, Set<ErrorCode> codes, Set<ErrorCode> stored) {
        Map<Integer, List<ErrorCode>> byStatus = codes.stream().collect(Collectors.groupingBy(code -> code.status().value(),
                TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, group) -> {
            group.sort(Comparator.comparing(ErrorCode::code));
            MediaType problem = new MediaType().schema(ref(PROBLEM_SCHEMA));
            group.forEach(code -> problem.addExamples(code.code(), new Example().summary(code.title()).value(example(code))));
            ApiResponse response = new ApiResponse()
                    .description(HttpStatus.valueOf(status).getReasonPhrase() + ": " + codeList(group.stream().map(ErrorCode::code).toList()))
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem));
            List<String> retryable = group.stream().filter(ErrorCode::retryable).map(ErrorCode::code).toList();
            if (!retryable.isEmpty()) {
                response.addHeaderObject(RETRY_AFTER, new Header().description("Seconds to wait before a retry; sent with "
                        + codeList(retryable)).schema(new Schema<Integer>().type("integer").minimum(java.math.BigDecimal.ONE)));
            }
            List<String> replayed = group.stream().filter(stored::contains).map(ErrorCode::code).toList();
            if (!replayed.isEmpty()) {
                response.addHeaderObject(IdempotentResponses.REPLAYED_HEADER, replayedHeader().description(
                        "`true` when this is the stored answer of an earlier request with the same Idempotency-Key; stored for "
                                + codeList(replayed)));
            }
            responses(operation).addApiResponse(String.valueOf(status), response);
        });
    }

    private static void documentEnvelope(Operation operation, MemberError[] errors) {
        Map<Integer, List<MemberError>> byStatus = new TreeMap<>();
        for (MemberError error : errors) {
            byStatus.computeIfAbsent(error.code() / 100, status -> new ArrayList<>()).add(error);
        }
        byStatus.forEach((status, group) -> {
            MediaType envelope = new MediaType().schema(ref(ENVELOPE_SCHEMA));
            group.forEach(error -> envelope.addExamples(String.valueOf(error.code()), new Example().summary(error.name())
                    .value(envelopeExample(error))));
            ApiResponse response = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase() + ": envelope code "
                            + group.stream().map(error -> error.code() + " (" + error.name().toLowerCase(java.util.Locale.ROOT) + ")")
                            .collect(Collectors.joining(", ")))
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, envelope));
            if (status == 429 || status == 503) {
                response.addHeaderObject(RETRY_AFTER, new Header().description("Seconds to wait before a retry")
                        .schema(new Schema<Integer>().type("integer").minimum(java.math.BigDecimal.ONE)));
            }
            responses(operation).addApiResponse(String.valueOf(status), response);
        });
    }

    /** The Idempotency-Key header: required, described once, whatever the controller's parameter says. */
    private static void requireKey(Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        parameters.removeIf(parameter -> IDEMPOTENCY_KEY.equalsIgnoreCase(parameter.getName()) && "header".equals(parameter.getIn()));
        // Issue 10: where a Submit-Token may name the request instead, the key is required only without one.
        boolean submitToken = parameters.stream().anyMatch(parameter -> SUBMIT_TOKEN.equalsIgnoreCase(parameter.getName()));
        parameters.add(new HeaderParameter().name(IDEMPOTENCY_KEY).required(!submitToken)
                .description("Your unique name for this request, scoped to your credential and the endpoint: a retry with the "
                        + "same key and body gets the first answer, with `Idempotent-Replayed: true`; the same key with another "
                        + "body is `422 idempotency_key_reused`. Keys are kept for 24 hours by default (`PAYONCE_IDEMPOTENCY_RETENTION`)."
                        + (submitToken ? " Required unless `Submit-Token` is sent; never both." : ""))
                .schema(new StringSchema().minLength(1).maxLength(IdempotencyKeys.KEY_LENGTH_MAX).pattern("^[\\x20-\\x7e]+$"))
                .example("order-1"));
        operation.setParameters(parameters);
    }

    private static Header replayedHeader() {
        return new Header().description("`true` when this is the stored answer of an earlier request with the same Idempotency-Key")
                .schema(new StringSchema()._enum(List.of("true")));
    }

    private static List<ApiResponse> successes(Operation operation) {
        return responses(operation).entrySet().stream().filter(entry -> entry.getKey().startsWith("2"))
                .map(Map.Entry::getValue).toList();
    }

    private static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }

    private static Map<String, Object> example(ErrorCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:payonce:problem:" + code.code());
        body.put("title", code.title());
        body.put("status", code.status().value());
        body.put("detail", code.title());
        body.put("code", code.code());
        return body;
    }

    private static Map<String, Object> envelopeExample(MemberError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        body.put("data", null);
        return body;
    }

    private static String codeList(List<String> codes) {
        return codes.stream().map(code -> "`" + code + "`").collect(Collectors.joining(", "));
    }

    @SuppressWarnings("rawtypes")
    private static Schema ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    /** The one HTTP method and path pattern of a handler, as AccessRules keys them. */
    record Route(String method, String path, boolean consumesJson) {
        static Route of(HandlerMethod handler) {
            RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
            RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (method == null || method.method().length != 1) {
                throw new IllegalStateException("A documented endpoint has exactly one HTTP method: " + handler.getShortLogMessage());
            }
            String prefix = type == null || type.path().length == 0 ? "" : type.path()[0];
            String suffix = method.path().length == 0 ? "" : method.path()[0];
            boolean json = List.of(method.consumes()).contains(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            return new Route(method.method()[0].name(), prefix + suffix, json);
        }
    }
}
