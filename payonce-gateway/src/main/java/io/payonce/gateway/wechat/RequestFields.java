package io.payonce.gateway.wechat;

import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a v3 request body strictly: a field of the wrong type or shape is WeChat Pay's 400 PARAM_ERROR. */
final class RequestFields {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** WeChat Pay's amounts are int32 fen. */
    private static final long AMOUNT_MAX = Integer.MAX_VALUE;

    private RequestFields() {
    }

    static JsonNode object(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw WechatError.param("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw WechatError.param("the body is not valid JSON");
        }
    }

    static JsonNode object(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isObject()) {
            throw WechatError.param(name + " is required and must be an object");
        }
        return value;
    }

    static String text(JsonNode parent, String name, Pattern shape) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isString() || !shape.matcher(value.stringValue()).matches()) {
            throw WechatError.param(name + " is required and must match " + shape.pattern());
        }
        return value.stringValue();
    }

    static String optionalText(JsonNode parent, String name, int lengthMax) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().length() > lengthMax) {
            throw WechatError.param(name + " must be a string of at most " + lengthMax + " characters");
        }
        return value.stringValue();
    }

    /** A positive whole number of fen. */
    static long amount(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0
                || value.longValue() > AMOUNT_MAX) {
            throw WechatError.param(name + " is required and must be a whole number of fen from 1 to " + AMOUNT_MAX);
        }
        return value.longValue();
    }

    /** Native pay and domestic refunds are in CNY; WeChat Pay takes a missing currency as CNY. */
    static void currency(JsonNode amount) {
        JsonNode value = amount.get("currency");
        if (value != null && !(value.isString() && WechatResources.CNY.equals(value.stringValue()))) {
            throw WechatError.param("amount.currency must be CNY");
        }
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
