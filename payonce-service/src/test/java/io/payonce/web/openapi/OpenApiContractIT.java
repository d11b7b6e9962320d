package io.payonce.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.web.ErrorCode;
import io.payonce.web.IdempotentResponses;
import io.payonce.web.access.AccessDocumentation;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served description (GET /v3/api-docs) is the contract: it is the committed docs/openapi.json,
 * it lints clean, every operation in it says everything a client generator needs, and what it
 * says about credentials and refusals is what the service does.
 */
@IntegrationTest
class OpenApiContractIT {

    /** The committed contract, which docs/api.md links and the generated-client check builds from. */
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    /** The served description, written where a reviewer (and the linter) can read it. */
    static final Path SERVED = Path.of("target", "openapi", "payonce.json");
    /** Pinned in .ci/run; the linter's own recommended rules, and not one warning left. */
    static final String REDOCLY = "redocly";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    JsonNode served;

    @BeforeEach
    void fetch() throws IOException {
        Api.Answer answer = new Api(port).get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        served = answer.json();
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, JSON.writeValueAsString(served) + "\n");
    }

    @Test
    void the_served_description_is_the_committed_contract() throws IOException {
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        if (!committed.equals(served)) {
            fail("docs/openapi.json is not what payonce serves. Review the change and commit it:\n"
                    + "  diff docs/openapi.json payonce-service/" + SERVED + "\n  cp payonce-service/" + SERVED + " docs/openapi.json");
        }
    }

    @Test
    void the_description_lints_clean() throws Exception {
        Lint lint = lint(SERVED);
        assertThat(lint.exitCode()).as("redocly lint:\n" + lint.output()).isZero();
        assertThat(lint.output()).as("redocly lint:\n" + lint.output()).contains("Your API description is valid")
                .doesNotContainPattern("You have \\d+ warnings?");
    }

    /** The linter is no rubber stamp: a description without its info object fails it. */
    @Test
    void the_linter_refuses_a_broken_description() throws Exception {
        Path broken = SERVED.resolveSibling("broken.json");
        Files.writeString(broken, "{\"openapi\":\"3.1.0\",\"paths\":{}}");
        assertThat(lint(broken).exitCode()).isNotZero();
    }

    private record Lint(int exitCode, String output) {
    }

    private static Lint lint(Path description) throws Exception {
        ProcessBuilder lint = new ProcessBuilder(REDOCLY, "lint", description.toString(), "--format=stylish").redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process;
        try {
            process = lint.start();
        } catch (IOException e) {
            throw new AssertionError("Redocly CLI is not installed, so the description cannot be linted: "
                    + "npm install -g @redocly/cli@2.77.0 (.ci/run installs it)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("redocly lint finished").isTrue();
        return new Lint(process.exitValue(), output);
    }

    @Test
    void the_error_page_the_simulator_and_the_test_helpers_are_not_described() {
        List<String> paths = new ArrayList<>();
        served.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).isNotEmpty().noneMatch(path -> path.startsWith("/error") || path.startsWith("/sim/")
                || path.startsWith("/actuator") || path.endsWith("/generate") || path.endsWith("/members/seed"));
    }

    /** What a new endpoint must say for itself: the rest is derived (OperationDocs). */
    @Test
    void every_endpoint_names_its_operation_and_its_success() {
        List<String> missing = new ArrayList<>();
        documentedHandlers().forEach(handler -> {
            Operation operation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Operation.class);
            Set<ApiResponse> answers = AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), ApiResponse.class);
            if (operation == null || operation.operationId().isBlank() || operation.summary().isBlank()) {
                missing.add(handler.getShortLogMessage() + ": @Operation(operationId, summary)");
            }
            if (answers.stream().noneMatch(answer -> answer.responseCode().startsWith("2") && answer.content().length > 0)) {
                missing.add(handler.getShortLogMessage() + ": @ApiResponse for its success, with its content");
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void every_operation_has_typed_bodies_and_documented_answers() {
        Set<String> operationIds = new HashSet<>();
        forEachOperation((method, path, operation) -> {
            String where = method.toUpperCase() + " " + path;
            assertThat(operationIds.add(operation.path("operationId").asString())).as(where + " has its own operationId").isTrue();
            assertThat(operation.path("tags")).as(where + " is tagged").isNotEmpty();
            operation.path("requestBody").path("content").forEach(media ->
                    assertThat(media.path("schema").path("format").asString("")).as(where + " body is not opaque").isNotEqualTo("byte"));
            JsonNode responses = operation.get("responses");
            List<String> statuses = new ArrayList<>();
            responses.propertyNames().forEach(statuses::add);
            assertThat(statuses).as(where + " documents a success").anyMatch(status -> status.startsWith("2"));
            statuses.stream().filter(status -> status.startsWith("2")).forEach(status -> responses.get(status).path("content")
                    .forEach(media -> assertThat(media.path("schema").path("format").asString("")).as(where + " " + status + " answer is not opaque")
                            .isNotEqualTo("byte")));
            statuses.stream().filter(status -> status.startsWith("4") || status.startsWith("5"))
                    .filter(status -> responses.get(status).path("content").has("application/problem+json"))
                    .forEach(status -> checkProblemResponse(where, status, responses.get(status)));
        });
    }

    /** An idempotent operation requires the key and says which answers are replays. */
    @Test
    void idempotent_operations_require_the_key_and_mark_replays() {
        int idempotent = 0;
        for (HandlerMethod handler : documentedHandlers()) {
            if (handler.getMethodAnnotation(Idempotent.class) == null) {
                continue;
            }
            idempotent++;
            OperationDocs.Route route = OperationDocs.Route.of(handler);
            JsonNode operation = served.path("paths").path(route.path()).path(route.method().toLowerCase());
            // Issue 10: where a Submit-Token may name the request instead, the key is required only without one.
            boolean submitToken = operation.path("parameters").valueStream().anyMatch(parameter -> parameter.path("name").asString().equals("Submit-Token")
                    && parameter.path("in").asString().equals("header"));
            assertThat(operation.path("parameters").valueStream().anyMatch(parameter -> parameter.path("name").asString().equals("Idempotency-Key")
                    && parameter.path("in").asString().equals("header") && parameter.path("required").asBoolean() != submitToken))
                    .as(route + (submitToken ? " takes Idempotency-Key or Submit-Token" : " requires Idempotency-Key")).isTrue();
            operation.path("responses").properties().stream().filter(entry -> entry.getKey().startsWith("2")).forEach(entry ->
                    assertThat(entry.getValue().path("headers").has(IdempotentResponses.REPLAYED_HEADER)).as(route + " " + entry.getKey()).isTrue());
        }
        assertThat(idempotent).as("idempotent endpoints found").isGreaterThanOrEqualTo(4);
    }

    /** The description's security is AccessRules', for every operation (an annotation cannot override it). */
    @Test
    void every_operation_declares_the_security_access_rules_enforce() {
        forEachOperation((method, path, operation) -> {
            JsonNode expected = JSON.valueToTree(AccessDocumentation.security(method.toUpperCase(), path));
            assertThat(operation.get("security")).as(method + " " + path).isEqualTo(expected);
        });
        assertThat(served.path("components").path("securitySchemes").propertyNames())
                .containsExactlyInAnyOrder("adminToken", "apiKey", "buyerSession", "orderToken", "ownerSession");
    }

    /**
     * As the attack: every guarded operation, called with no credential at all, is refused with a
     * status and code its description lists. A route that AccessRules guards but the description
     * calls open (or the reverse) fails here.
     */
    @Test
    void a_caller_without_credentials_meets_a_documented_refusal() {
        Api api = new Api(port);
        int guarded = 0;
        for (Map.Entry<String, JsonNode> path : served.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (entry.getValue().get("security").isEmpty()) {
                    continue;
                }
                guarded++;
                String url = path.getKey().replace("{orderId}", "ord_0000000000000000000000000")
                        .replaceAll("\\{[^}]+}", "x");
                Api.Answer answer = switch (entry.getKey()) {
                    case "get" -> api.get(url);
                    case "delete" -> api.delete(url);
                    case "patch" -> api.send(java.net.http.HttpRequest.newBuilder(api.uri(url)).header("Content-Type", "application/json")
                            .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
                    default -> api.post(url, "{}", Map.of("Idempotency-Key", "openapi-contract-anonymous"));
                };
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode documented = entry.getValue().path("responses").path(String.valueOf(answer.status()));
                assertThat(documented.isMissingNode()).as(where + " answered an undocumented " + answer.status() + ": " + answer.body()).isFalse();
                String code = answer.json().get("code").asString();
                assertThat(documented.path("content").valueStream().anyMatch(media -> media.path("examples").has(code)))
                        .as(where + " answered " + code + ", documented: " + documented).isTrue();
            }
        }
        assertThat(guarded).isGreaterThanOrEqualTo(15);
    }

    /**
     * What the code can answer, where the code says it in one place: every ErrorCode a controller
     * method throws itself, and every final refusal of its idempotent operation, is documented.
     */
    @Test
    void refusals_the_code_names_are_documented() {
        Map<String, Set<String>> undocumented = new HashMap<>();
        for (HandlerMethod handler : documentedHandlers()) {
            if (handler.getMethodAnnotation(EnvelopeErrors.class) != null) {
                continue;
            }
            OperationDocs.Route route = OperationDocs.Route.of(handler);
            Set<String> documented = documentedCodes(served.path("paths").path(route.path()).path(route.method().toLowerCase()));
            Set<String> thrown = new TreeSet<>();
            RefusalsInCode.errorCodesNamedBy(handler.getMethod()).forEach(code -> thrown.add(code.code()));
            Idempotent idempotent = handler.getMethodAnnotation(Idempotent.class);
            if (idempotent != null) {
                RefusalsInCode.reasonsNamedBy(idempotent.value()).forEach(reason -> thrown.add(ErrorCode.of(reason).code()));
            }
            thrown.removeAll(documented);
            if (!thrown.isEmpty()) {
                undocumented.put(route.toString(), thrown);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    private void checkProblemResponse(String where, String status, JsonNode response) {
        JsonNode media = response.path("content").path("application/problem+json");
        assertThat(media.path("schema").path("$ref").asString()).as(where + " " + status).isEqualTo("#/components/schemas/Problem");
        assertThat(media.path("examples")).as(where + " " + status + " lists its codes").isNotEmpty();
        boolean retryable = false;
        for (Map.Entry<String, JsonNode> example : media.path("examples").properties()) {
            ErrorCode code = ErrorCode.valueOf(example.getKey().toUpperCase());
            assertThat(example.getValue().path("value").path("code").asString()).isEqualTo(example.getKey());
            assertThat(String.valueOf(code.status().value())).as(where + " " + example.getKey()).isEqualTo(status);
            retryable |= code.retryable();
        }
        assertThat(response.path("headers").has("Retry-After")).as(where + " " + status + " Retry-After").isEqualTo(retryable);
    }

    private static Set<String> documentedCodes(JsonNode operation) {
        Set<String> codes = new TreeSet<>();
        operation.path("responses").forEach(response -> response.path("content").forEach(media ->
                media.path("examples").propertyNames().forEach(codes::add)));
        return codes;
    }

    /** The handler methods the description covers: not hidden, not excluded by springdoc's paths-to-exclude. */
    private List<HandlerMethod> documentedHandlers() {
        List<HandlerMethod> handlers = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Method method = handler.getMethod();
            boolean hidden = handler.getBeanType().isAnnotationPresent(Hidden.class) || method.isAnnotationPresent(Hidden.class);
            boolean excluded = info.getPatternValues().stream().anyMatch(pattern -> pattern.startsWith("/sim/") || pattern.startsWith("/error")
                    || pattern.startsWith("/v3/api-docs") || pattern.startsWith("/swagger-ui"));
            boolean framework = !handler.getBeanType().getPackageName().startsWith("io.payonce");
            if (!hidden && !excluded && !framework) {
                handlers.add(handler);
            }
        });
        assertThat(handlers).isNotEmpty();
        return handlers;
    }

    private interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        served.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey())) {
                visitor.visit(entry.getKey(), path.getKey(), entry.getValue());
            }
        }));
    }
}
