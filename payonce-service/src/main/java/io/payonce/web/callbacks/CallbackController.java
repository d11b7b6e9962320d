package io.payonce.web.callbacks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.callbacks.NotificationIntake;
import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannels;
import io.payonce.payments.Settlement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asynchronous gateway notifications, Alipay style: verify the signature, match the trade, apply
 * it at most once, and answer {@code success} to it and to every repeat, so the gateway stops
 * sending. A "closed" notification is checked with the gateway before it fails a payment. Anything that does not match gets {@code fail} and changes nothing.
 */
@RestController
@Tag(name = "Callbacks", description = "Signed asynchronous notifications from payment channels")
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);
    /** More fields than any real notification carries; a bound on the work a forged request can cause. */
    private static final int FIELDS_MAX = 64;

    private final PaymentChannels channels;
    private final NotificationIntake intake;
    private final MeterRegistry meters;

    CallbackController(PaymentChannels channels, NotificationIntake intake, MeterRegistry meters) {
        this.channels = channels;
        this.intake = intake;
        this.meters = meters;
    }

    @Operation(summary = "Receive a signed notification (form-encoded); answers success or fail as text/plain")
    @PostMapping(path = "/v1/callbacks/{channel}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> notify(@PathVariable String channel, @RequestParam MultiValueMap<String, String> form) {
        PaymentChannel gateway = channels.find(channel).orElse(null);
        if (gateway == null) {
            return answer(channel, HttpStatus.NOT_FOUND, "unknown_channel");
        }
        Map<String, String> fields = singleValued(form);
        if (fields == null) {
            return answer(channel, HttpStatus.BAD_REQUEST, "malformed");
        }
        Settlement.Result result = intake.apply(channel, gateway.parseNotification(fields));
        if (!result.acknowledged()) {
            log.warn("Refused {} notification: {}", channel, result.reason());
            return answer(channel, HttpStatus.BAD_REQUEST, "rejected");
        }
        return answer(channel, HttpStatus.OK, result.outcome().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A field sent twice is ambiguous: which value did the gateway sign? Refuse it. */
    private static Map<String, String> singleValued(MultiValueMap<String, String> form) {
        if (form.isEmpty() || form.size() > FIELDS_MAX) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            if (entry.getValue().size() != 1) {
                return null;
            }
            fields.put(entry.getKey(), entry.getValue().getFirst());
        }
        return fields;
    }

    private ResponseEntity<String> answer(String channel, HttpStatus status, String outcome) {
        meters.counter("payonce.callbacks", "channel", channels.find(channel).isPresent() ? channel : "unknown",
                "outcome", outcome).increment();
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN)
                .body(status == HttpStatus.OK ? "success" : "fail");
    }
}
