package io.payonce.gateway.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in merchant for the gateway's notifications in tests ({@code /test-callbacks/{channel}}
 * on the gateway's own port): records every delivery and answers as a test scripts it per
 * trade, {@code success} once the script has run out.
 */
@TestComponent
@RestController
public class CallbackRecorder {

    /** One answer the receiver gives. */
    public record Answer(int status, String body) {
        public static final Answer SUCCESS = new Answer(200, "success");
        public static final Answer FAIL = new Answer(200, "fail");
    }

    /** One notification as received, in arrival order ({@code sequence}). */
    public record Delivery(long sequence, String channel, Map<String, String> form, Answer answer) {
        public String notifyId() {
            return form.get("notify_id");
        }

        public String tradeStatus() {
            return form.get("trade_status");
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();

    /** The notify_url of a trade whose notifications this recorder should receive. */
    public static String notifyUrl(int port, String channel) {
        return "http://127.0.0.1:" + port + "/test-callbacks/" + channel;
    }

    @PostMapping(path = "/test-callbacks/{channel}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> receive(@PathVariable String channel, @RequestParam Map<String, String> form) {
        Queue<Answer> script = scripts.get(form.getOrDefault("out_trade_no", ""));
        Answer scripted = script == null ? null : script.poll();
        Answer answer = scripted == null ? Answer.SUCCESS : scripted;
        deliveries.add(new Delivery(sequence.incrementAndGet(), channel, Map.copyOf(form), answer));
        return ResponseEntity.status(answer.status()).contentType(MediaType.TEXT_PLAIN).body(answer.body());
    }

    /** The next answers for this trade's notifications, in order; then {@code success}. */
    public void script(String outTradeNo, Answer... answers) {
        scripts.put(outTradeNo, new ConcurrentLinkedQueue<>(List.of(answers)));
    }

    public void failFirst(String outTradeNo, int times) {
        script(outTradeNo, Collections.nCopies(times, Answer.FAIL).toArray(Answer[]::new));
    }

    /** Deliveries of this trade's notifications, in arrival order. */
    public List<Delivery> of(String outTradeNo) {
        List<Delivery> found = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (outTradeNo.equals(delivery.form().get("out_trade_no"))) {
                found.add(delivery);
            }
        }
        return found;
    }
}
