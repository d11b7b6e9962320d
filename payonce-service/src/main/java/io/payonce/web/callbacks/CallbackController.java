package io.payonce.web.callbacks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.callbacks.NotificationIntake;
import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.InboundNotification;
import io.payonce.channels.PaymentChannel.NotificationReply;
import io.payonce.channels.PaymentChannels;
import io.payonce.payments.Settlement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asynchronous gateway notifications, Alipay style: verify the signature, match the trade, apply
 * it at most once, and answer {@code success} to it and to every repeat, so the gateway stops
 * sending. A "closed" notification is checked with the gateway before it fails a payment. Anything that does not match gets {@code fail} and changes nothing.
 */
@RestController
@Tag(name = "Callbacks")
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final PaymentChannels channels;
    private final NotificationIntake intake;
    private final MeterRegistry meters;

    CallbackController(PaymentChannels channels, NotificationIntake intake, MeterRegistry meters) {
        this.channels = channels;
        this.intake = intake;
        this.meters = meters;
    }

    @Operation(operationId = "receiveNotification",
            summary = "Receive a gateway's signed notification in its own format (Alipay's form, WeChat Pay's JSON); "
            + "answered as that gateway expects",
            description = "Called by the payment gateways, not by clients: the body and the answer are the gateway's own "
                    + "protocol, verified by its signature. A notification applied before is acknowledged again and changes nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "object",
                            description = "Alipay's signed notification form (notify_id, out_trade_no, trade_status, sign, ...)")),
                    @Content(mediaType = "application/json", schema = @Schema(type = "object",
                            description = "WeChat Pay's notification: an encrypted resource, signed in the Wechatpay-* headers"))}))
    @ApiResponse(responseCode = "200", description = "Acknowledged, or refused, in the gateway's own words: Alipay reads `success` "
            + "or `fail`; WeChat Pay reads its JSON", content = {
            @Content(mediaType = "text/plain", schema = @Schema(type = "string"), examples = @ExampleObject(name = "alipay", value = "success")),
            @Content(mediaType = "application/json", schema = @Schema(type = "object"))})
    @ApiResponse(responseCode = "404", description = "No such channel", content = @Content(mediaType = "text/plain",
            schema = @Schema(type = "string"), examples = @ExampleObject(name = "unknown channel", value = "fail")))
    @PostMapping(path = "/v1/callbacks/{channel}")
    ResponseEntity<String> notify(@PathVariable String channel, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
                                  @Parameter(hidden = true) @RequestBody(required = false) byte[] body) {
        PaymentChannel gateway = channels.find(channel).orElse(null);
        if (gateway == null) {
            count("unknown", "unknown_channel");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("fail");
        }
        Settlement.Result result = intake.apply(channel, gateway.parseNotification(new InboundNotification(firstValues(headers), body)));
        if (!result.acknowledged()) {
            log.warn("Refused {} notification: {}", channel, result.reason());
        }
        count(channel, result.acknowledged() ? result.outcome().name().toLowerCase(Locale.ROOT) : "rejected");
        NotificationReply reply = gateway.reply(result.acknowledged());
        return ResponseEntity.status(reply.status()).contentType(MediaType.parseMediaType(reply.contentType())).body(reply.body());
    }

    /** Header names lower-cased, each with its first value; a bounded count, as Tomcat already bounds them. */
    private static Map<String, String> firstValues(HttpHeaders headers) {
        Map<String, String> first = new HashMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.putIfAbsent(name.toLowerCase(Locale.ROOT), values.getFirst());
            }
        });
        return first;
    }

    private void count(String channel, String outcome) {
        meters.counter("payonce.callbacks", "channel", channel, "outcome", outcome).increment();
    }
}
