package io.payonce.web.openapi;

import java.util.List;
import java.util.Map;

import io.payonce.web.access.AccessDocumentation;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served description's frame (GET /v3/api-docs): its title, the security schemes and the two
 * answer shapes every operation refers to, problem+json and the membership envelope. What each
 * operation says is built by {@link OperationDocs} from the code.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String DESCRIPTION = """
            payonce sells digital goods (card keys and memberships) with an exactly-once payment path.

            Every POST that changes money or stock takes an `Idempotency-Key`: retry it with the same key and body, \
            and you get the first answer again with `Idempotent-Replayed: true`. Every refusal is RFC 9457 \
            `application/problem+json` with a stable `code`; the codes each operation can answer are listed under its \
            responses, one example per code. The membership API (`/api/member/...`) keeps its original \
            `{code, message, data}` envelope. Guide: docs/api.md in the repository.""";

    @Bean
    OpenAPI payonceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("payonce").version("v1").description(DESCRIPTION)
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                // Relative: the description is fetched from the service it describes, and a client resolves it there.
                .servers(List.of(new Server().url("/").description("The payonce that served this description")))
                .tags(List.of(
                        new Tag().name("Catalog").description("Products and their card-key stock"),
                        new Tag().name("Buyer sessions").description("A bearer token for a buyer without an account"),
                        new Tag().name("Orders").description("Orders, payments, cancellation and refunds"),
                        new Tag().name("Callbacks").description("Signed asynchronous notifications from payment gateways"),
                        new Tag().name("Membership").description("The signed membership API, in its original envelope"),
                        new Tag().name("API keys").description("Merchant API keys and their scopes"),
                        new Tag().name("Systems").description("Systems that call the membership API"),
                        new Tag().name("Reservations").description("Who holds stock in unpaid orders, and cancelling them"),
                        new Tag().name("Card-key rotation").description("Re-encrypting stored card keys under a new key version")))
                .components(new Components()
                        .securitySchemes(AccessDocumentation.schemes())
                        .addSchemas(OperationDocs.PROBLEM_SCHEMA, problem())
                        .addSchemas(OperationDocs.ENVELOPE_SCHEMA, envelope()));
    }

    @Bean
    OperationDocs operationDocs(BeanFactory beans) {
        return new OperationDocs(beans);
    }

    /** RFC 9457 with payonce's {@code code}; a refusal may add facts a client can act on (a paymentId, unitsHeld). */
    @SuppressWarnings("rawtypes")
    private static Schema problem() {
        return new ObjectSchema()
                .description("An RFC 9457 problem. `code` is stable (switch on it); `detail` is for people. Some refusals add "
                        + "facts a client can act on, such as `paymentId`, `unitsHeld`, `unitsMax` or `retryAfterSeconds`.")
                .addProperty("type", new StringSchema().example("urn:payonce:problem:sold_out"))
                .addProperty("title", new StringSchema().example("Not enough stock"))
                .addProperty("status", new IntegerSchema().format("int32").example(409))
                .addProperty("detail", new StringSchema().example("Not enough stock of 'game-key' for 5"))
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().pattern("^[a-z][a-z0-9_]*$").example("sold_out")
                        .description("The stable reason; each response lists the codes it can carry"))
                .required(List.of("type", "title", "status", "code"))
                .additionalProperties(true);
    }

    @SuppressWarnings("rawtypes")
    private static Schema envelope() {
        return new ObjectSchema()
                .description("The membership API's answer: `code` 0 on success, else a five-digit code whose first three digits "
                        + "are the HTTP status; `data` is null on errors.")
                .addProperty("code", new IntegerSchema().format("int32").example(40401))
                .addProperty("message", new StringSchema().example("No membership for this user"))
                // A LinkedHashSet, not Set.of: the served description must read the same in every JVM.
                .addProperty("data", new Schema<>().types(new java.util.LinkedHashSet<>(List.of("object", "null"))))
                .required(List.of("code", "message", "data"))
                .extensions(Map.of());
    }
}
