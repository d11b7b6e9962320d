package io.payonce.web.access;

import jakarta.servlet.http.HttpServletRequest;

import io.payonce.access.OrderTokens;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds the order token to a create-order answer on its way out, first time and replay alike. The
 * stored answer never holds the token: it is derived again from the caller's own credential,
 * which only the caller that made the order has (see {@link io.payonce.access.TokenSeed}).
 */
@Component
public class OrderTokenAnswers {

    static final String FIELD = "orderToken";

    private final OrderTokens tokens;
    private final JsonMapper json;

    OrderTokenAnswers(OrderTokens tokens, JsonMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    /** The answer with {@code orderToken} added when it created (201) or queued (202) an order, unchanged otherwise. */
    public ResponseEntity<byte[]> withOrderToken(ResponseEntity<byte[]> answer, HttpServletRequest request) {
        int status = answer.getStatusCode().value();
        if ((status != 201 && status != 202) || answer.getBody() == null) {
            return answer;
        }
        JsonNode body = json.readTree(answer.getBody());
        if (!(body instanceof ObjectNode order) || !body.hasNonNull("orderId")) {
            return answer;
        }
        order.put(FIELD, tokens.tokenOf(RequestAccess.caller(request), order.get("orderId").asString()));
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(answer.getHeaders());
        headers.setCacheControl(CacheControl.noStore());
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(json.writeValueAsBytes(order));
    }
}
