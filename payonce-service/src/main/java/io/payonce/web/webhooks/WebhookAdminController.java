package io.payonce.web.webhooks;

import java.time.Instant;
import java.util.List;

import io.payonce.common.Ids;
import io.payonce.webhooks.EventType;
import io.payonce.webhooks.WebhookDeliveries;
import io.payonce.webhooks.WebhookDelivery;
import io.payonce.webhooks.WebhookEndpoint;
import io.payonce.webhooks.WebhookEndpoints;
import io.payonce.webhooks.WebhookEvent;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.JsonBodies;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merchant webhooks for the shop owner (the admin scope, the /v1/admin default of AccessRules):
 * endpoints (the signing secret is in the creation's answer only), events, their deliveries with
 * every attempt, and the replay of an event.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed merchant events: endpoints, deliveries, replays")
class WebhookAdminController {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final JsonBodies bodies;

    WebhookAdminController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, JsonBodies bodies) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.bodies = bodies;
    }

    /** A new endpoint: where, which event types (order.paid, ...), and a note for the owner. */
    @Schema(name = "CreateWebhookEndpointRequest")
    record CreateEndpoint(String url, List<String> eventTypes, String description) {
    }

    @Schema(name = "CreatedWebhookEndpoint")
    record CreatedEndpointView(String id, String url, List<String> eventTypes, String description, boolean enabled,
                               Instant createdAt, String secret, String warning) {
        @Override
        public String toString() {
            return "CreatedEndpointView[id=" + id + ", secret=<redacted>]";
        }
    }

    @Schema(name = "WebhookEndpointList")
    record EndpointList(List<WebhookEndpoint> endpoints) {
    }

    @Schema(name = "WebhookEventView")
    record EventView(String id, String type, String subjectRef, Instant createdAt, Instant publishedAt,
                     @Schema(description = "The exact JSON body every delivery sends (and signs)") String body) {
        static EventView of(WebhookEvent event) {
            return new EventView(event.id(), event.type(), event.subjectRef(), event.createdAt(), event.publishedAt(), event.body());
        }
    }

    @Schema(name = "WebhookEventList")
    record EventList(List<EventView> events) {
    }

    @Schema(name = "WebhookDeliveryList")
    record DeliveryList(List<WebhookDelivery> deliveries) {
    }

    /** Which endpoint to replay to; without it, every endpoint the event went to. */
    @Schema(name = "ReplayWebhookEventRequest")
    record Replay(String endpointId) {
    }

    @Schema(name = "WebhookReplay")
    record ReplayView(String eventId, int deliveries) {
    }

    @Operation(operationId = "createWebhookEndpoint",
            summary = "Register a URL for event types; the signing secret is in this answer only",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = CreateEndpoint.class),
                    examples = @ExampleObject(name = "paid and refunded", value =
                            "{\"url\":\"https://shop.example.com/payonce/events\",\"eventTypes\":[\"order.paid\",\"order.refunded\"],"
                                    + "\"description\":\"order sync\"}"))))
    @ApiResponse(responseCode = "201", description = "Created: store `secret` now",
            content = @Content(schema = @Schema(implementation = CreatedEndpointView.class)))
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.WEBHOOK_URL_NOT_ALLOWED})
    @PostMapping(path = "/v1/admin/webhook-endpoints", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedEndpointView> create(@RequestBody(required = false) byte[] body) {
        CreateEndpoint request = bodies.read(body, CreateEndpoint.class);
        if (request.eventTypes() == null || request.eventTypes().isEmpty() || request.eventTypes().size() > EventType.values().length) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "eventTypes: 1 to " + EventType.values().length + " event types");
        }
        WebhookEndpoints.Created created = endpoints.create(request.url(), request.eventTypes(), request.description());
        WebhookEndpoint endpoint = created.endpoint();
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new CreatedEndpointView(endpoint.id(), endpoint.url(), endpoint.eventTypes(), endpoint.description(),
                        endpoint.enabled(), endpoint.createdAt(), created.secret(),
                        "Store the secret now: payonce shows it only in this answer; it verifies the Payonce-Signature header"));
    }

    @Operation(operationId = "listWebhookEndpoints", summary = "Webhook endpoints, newest first (never their secrets)")
    @ApiResponse(responseCode = "200", description = "The endpoints", content = @Content(schema = @Schema(implementation = EndpointList.class)))
    @GetMapping(path = "/v1/admin/webhook-endpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    EndpointList list() {
        return new EndpointList(endpoints.list());
    }

    @Operation(operationId = "disableWebhookEndpoint",
            summary = "Stop delivering to an endpoint, for good; its pending deliveries fail. Disabling it again changes nothing")
    @ApiResponse(responseCode = "200", description = "The endpoint, disabled",
            content = @Content(schema = @Schema(implementation = WebhookEndpoint.class)))
    @Refusals(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND)
    @PostMapping(path = "/v1/admin/webhook-endpoints/{id}/disable", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookEndpoint disable(@PathVariable String id) {
        return endpoints.disable(endpointId(id));
    }

    @Operation(operationId = "listWebhookEvents", summary = "Events in the outbox, newest first; all, or those of one type")
    @ApiResponse(responseCode = "200", description = "The events", content = @Content(schema = @Schema(implementation = EventList.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(path = "/v1/admin/webhook-events", produces = MediaType.APPLICATION_JSON_VALUE)
    EventList events(@Parameter(schema = @Schema(allowableValues = {"order.paid", "order.delivered", "order.refunded",
                             "order.expired", "membership.renewed"})) @RequestParam(required = false) String type,
                     @Parameter(schema = @Schema(minimum = "1", maximum = "500", defaultValue = "100"))
                     @RequestParam(defaultValue = "100") int limit) {
        EventType eventType = type == null ? null : EventType.parse(type).orElseThrow(() -> new ApiException(ErrorCode.INVALID_REQUEST,
                "type: must be one of " + List.of(EventType.values()).stream().map(EventType::wireName).toList()));
        return new EventList(deliveries.events(eventType, limit(limit)).stream().map(EventView::of).toList());
    }

    @Operation(operationId = "getWebhookEvent", summary = "One event, with the exact body its deliveries send")
    @ApiResponse(responseCode = "200", description = "The event", content = @Content(schema = @Schema(implementation = EventView.class)))
    @Refusals(ErrorCode.WEBHOOK_EVENT_NOT_FOUND)
    @GetMapping(path = "/v1/admin/webhook-events/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    EventView event(@PathVariable String id) {
        return EventView.of(deliveries.event(eventId(id)));
    }

    @Operation(operationId = "listWebhookDeliveries",
            summary = "Deliveries, newest first, by event, endpoint or status, each with its latest attempts (status code, error, time)")
    @ApiResponse(responseCode = "200", description = "The deliveries",
            content = @Content(schema = @Schema(implementation = DeliveryList.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(path = "/v1/admin/webhook-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    DeliveryList deliveries(@RequestParam(required = false) String eventId, @RequestParam(required = false) String endpointId,
                            @Parameter(schema = @Schema(allowableValues = {"PENDING", "DELIVERED", "FAILED"}))
                            @RequestParam(required = false) String status,
                            @Parameter(schema = @Schema(minimum = "1", maximum = "500", defaultValue = "100"))
                            @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !List.of("PENDING", "DELIVERED", "FAILED").contains(status)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "status: must be one of PENDING, DELIVERED, FAILED");
        }
        if (eventId != null && !Ids.wellFormed(eventId, "evt") || endpointId != null && !Ids.wellFormed(endpointId, "we")) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "eventId, endpointId: not an id payonce makes");
        }
        return new DeliveryList(deliveries.deliveries(eventId, endpointId, status, limit(limit)));
    }

    @Operation(operationId = "replayWebhookEvent",
            summary = "Send an event again, now and on a fresh retry schedule: to every endpoint it went to, or to one",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
                    schema = @Schema(implementation = Replay.class),
                    examples = @ExampleObject(name = "to one endpoint", value = "{\"endpointId\":\"we_01m8x3c0k2ab4cdefghjkmnpqr\"}"))))
    @ApiResponse(responseCode = "200", description = "How many deliveries are due now",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @Refusals({ErrorCode.WEBHOOK_EVENT_NOT_FOUND, ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, ErrorCode.WEBHOOK_ENDPOINT_DISABLED})
    @PostMapping(path = "/v1/admin/webhook-events/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ReplayView replay(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        String endpointId = body == null || body.length == 0 ? null : bodies.read(body, Replay.class).endpointId();
        return new ReplayView(id, deliveries.replay(eventId(id), endpointId == null ? null : endpointId(endpointId)));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > WebhookDeliveries.LIST_MAX) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "limit: must be between 1 and " + WebhookDeliveries.LIST_MAX);
        }
        return limit;
    }

    /** A malformed id is one that does not exist: it never reaches SQL. */
    private static String endpointId(String id) {
        if (!Ids.wellFormed(id, "we")) {
            throw new ApiException(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "No webhook endpoint with this id");
        }
        return id;
    }

    private static String eventId(String id) {
        if (!Ids.wellFormed(id, "evt")) {
            throw new ApiException(ErrorCode.WEBHOOK_EVENT_NOT_FOUND, "No webhook event with this id");
        }
        return id;
    }
}
