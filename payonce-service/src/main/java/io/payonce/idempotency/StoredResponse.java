package io.payonce.idempotency;


/** A final answer exactly as it was first sent, so a replay can repeat it byte for byte. */
public record StoredResponse(int status, String contentType, byte[] body) {
}
