package io.payonce.web.ratelimit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the body of a 429 for the endpoints whose contract has its own error shape (the
 * membership envelope). Status and {@code Retry-After} are already set when {@link #write} runs;
 * requests no rejection claims get problem+json.
 */
public interface RateLimitRejection {

    boolean appliesTo(HttpServletRequest request);

    void write(HttpServletResponse response, long retryAfterSeconds) throws IOException;
}
