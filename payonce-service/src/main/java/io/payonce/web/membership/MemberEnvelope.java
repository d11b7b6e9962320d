package io.payonce.web.membership;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.payonce.membership.MemberError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The membership API's answer shape, kept from the original API: {@code {code, message, data}},
 * {@code code} 0 on success, {@code data} always present ({@code null} on errors).
 */
record MemberEnvelope(int code, String message, @JsonInclude(JsonInclude.Include.ALWAYS) Object data) {

    static final String SUCCESS = "success";

    static ResponseEntity<MemberEnvelope> ok(Object data) {
        // The content type is fixed, so an Accept header asking for something else cannot turn
        // the answer into a 406 without the envelope.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new MemberEnvelope(0, SUCCESS, data));
    }

    static ResponseEntity<MemberEnvelope> error(MemberError error, String message, HttpHeaders headers) {
        return ResponseEntity.status(MemberStatuses.of(error)).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(new MemberEnvelope(error.code(), message, null));
    }

    /** The envelope as JSON text, for answers written outside Spring MVC; {@code message} must need no escaping. */
    static String errorJson(MemberError error, String message) {
        return "{\"code\":" + error.code() + ",\"message\":\"" + message + "\",\"data\":null}";
    }
}
