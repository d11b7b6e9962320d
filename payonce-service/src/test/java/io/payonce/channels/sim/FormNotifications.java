package io.payonce.channels.sim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import io.payonce.channels.PaymentChannel.InboundNotification;

/** A form notification as it arrives over HTTP, for tests that hold its fields. */
final class FormNotifications {

    private FormNotifications() {
    }

    static InboundNotification of(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new InboundNotification(Map.of("content-type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
