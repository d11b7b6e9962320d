package io.payonce.gateway.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A change to a channel's fault switches, as posted to {@code POST /sandbox/{channel}/faults}: fields
 * left out keep their value; {@code nextTrades} and {@code nextRefunds} are appended to their
 * queues. Parsing is strict: an unknown field, a wrong type or a value out of range is a 400.
 */
public record FaultUpdate(List<TradeFault> nextTrades, Double declineRate, Double pendingRate, Double timeoutRate,
                   Long seed, boolean seedGiven, Long delayMs, Integer repeat, Boolean reorder, Integer lose,
                   Double loseRate, List<RefundFault> nextRefunds) {

    /** Outcomes one request may queue; a test or a bench needs far fewer. */
    static final int QUEUED_PER_REQUEST_MAX = 1_000;
    /** Ten minutes: longer delays are better simulated by losing the notification. */
    static final long DELAY_MS_MAX = 600_000;
    /** Ten extra copies, sent at once, are plenty to expose a receiver's races. */
    static final int REPEAT_MAX = 10;
    static final int LOSE_MAX = 1_000_000;

    private static final Set<String> FIELDS = Set.of("nextTrades", "declineRate", "pendingRate", "timeoutRate", "seed",
            "delayMs", "repeat", "reorder", "lose", "loseRate", "nextRefunds");

    public static FaultUpdate parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw invalid("unknown field '" + field.getKey() + "'; known: " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode seed = body.get("seed");
        return new FaultUpdate(
                outcomes(body, "nextTrades", TradeFault.class), rate(body, "declineRate"), rate(body, "pendingRate"),
                rate(body, "timeoutRate"), seed == null || seed.isNull() ? null : integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE),
                seed != null, integer(body, "delayMs", 0, DELAY_MS_MAX), intOrNull(integer(body, "repeat", 0, REPEAT_MAX)),
                bool(body, "reorder"), intOrNull(integer(body, "lose", 0, LOSE_MAX)), rate(body, "loseRate"),
                outcomes(body, "nextRefunds", RefundFault.class));
    }

    private static Double rate(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
            throw invalid(name + " must be a number from 0 to 1");
        }
        return value.doubleValue();
    }

    private static Long integer(JsonNode body, String name, long min, long max) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw invalid(name + " must be an integer from " + min + " to " + max);
        }
        return value.longValue();
    }

    private static Boolean bool(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value != null && !value.isBoolean()) {
            throw invalid(name + " must be true or false");
        }
        return value == null ? null : value.booleanValue();
    }

    private static <E extends Enum<E>> List<E> outcomes(JsonNode body, String name, Class<E> type) {
        JsonNode value = body.get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > QUEUED_PER_REQUEST_MAX) {
            throw invalid(name + " must be an array of at most " + QUEUED_PER_REQUEST_MAX + " outcomes");
        }
        List<E> outcomes = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            outcomes.add(outcome(element, name, type));
        }
        return List.copyOf(outcomes);
    }

    private static <E extends Enum<E>> E outcome(JsonNode element, String name, Class<E> type) {
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!element.isString() || !allowed.contains(element.stringValue())) {
            throw invalid(name + " holds outcomes from " + allowed);
        }
        return Enum.valueOf(type, element.stringValue());
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : value.intValue();
    }

    private static InvalidFaults invalid(String detail) {
        return new InvalidFaults(detail);
    }
}
