package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database that is busy or gone is a 503 with Retry-After, whichever layer noticed it first. */
class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void no_free_connection_for_a_transaction_is_503_not_500() {
        var answer = handler.databaseBusy(new CannotCreateTransactionException("pool timeout"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "service_unavailable");
    }

    @Test
    void no_free_connection_for_a_statement_is_503_not_500() {
        var answer = handler.databaseBusy(new CannotGetJdbcConnectionException("pool timeout"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
    }
}
