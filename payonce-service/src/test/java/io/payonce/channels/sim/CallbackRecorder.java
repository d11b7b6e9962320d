package io.payonce.channels.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.PaymentChannels;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in merchant for the simulator's notifications (tests only, mapped away from the
 * real /v1/callbacks): records every delivery with the channel's own verdict on it, and
 * answers as a test scripts it per trade, {@code success} once the script has run out.
 */
@TestComponent
@RestController
class CallbackRecorder {

    /** One answer the receiver gives. */
    record Answer(int status, String body) {
        static final Answer SUCCESS = new Answer(200, "success");
        static final Answer FAIL = new Answer(200, "fail");
    }

    /** One notification as received, in arrival order ({@code sequence}). */
    record Delivery(long sequence, String channel, Map<String, String> form, Notification parsed, Answer answer) {
        String notifyId() {
            return form.get("notify_id");
        }

        String tradeStatus() {
            return form.get("trade_status");
        }
    }

    private final PaymentChannels channels;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();

    CallbackRecorder(PaymentChannels channels) {
        this.channels = channels;
    }

    @PostMapping(path = "/test-callbacks/{channel}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> receive(@PathVariable String channel, @RequestParam Map<String, String> form) {
        Notification parsed = channels.find(channel).orElseThrow().parseNotification(FormNotifications.of(form));
        Queue<Answer> script = scripts.get(form.getOrDefault("out_trade_no", ""));
        Answer scripted = script == null ? null : script.poll();
        Answer answer = scripted == null ? Answer.SUCCESS : scripted;
        deliveries.add(new Delivery(sequence.incrementAndGet(), channel, Map.copyOf(form), parsed, answer));
        return ResponseEntity.status(answer.status()).contentType(MediaType.TEXT_PLAIN).body(answer.body());
    }

    /** The next answers for this trade's notifications, in order; then {@code success}. */
    void script(String outTradeNo, Answer... answers) {
        scripts.put(outTradeNo, new ConcurrentLinkedQueue<>(List.of(answers)));
    }

    void failFirst(String outTradeNo, int times) {
        script(outTradeNo, java.util.Collections.nCopies(times, Answer.FAIL).toArray(Answer[]::new));
    }

    /** Deliveries of this trade's notifications, in arrival order. */
    List<Delivery> of(String outTradeNo) {
        List<Delivery> found = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (outTradeNo.equals(delivery.form().get("out_trade_no"))) {
                found.add(delivery);
            }
        }
        return found;
    }
}
