package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

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

    @Test
    void a_rollback_that_fails_because_postgresql_shut_down_is_503_not_500() {
        var shutdown = new TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("terminating connection due to administrator command", "57P01"));
        var answer = handler.databaseGone(shutdown, new org.springframework.mock.web.MockHttpServletRequest("POST", "/v1/orders"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void a_statement_on_a_cut_connection_is_503_not_500() {
        var cut = new org.springframework.dao.DataAccessResourceFailureException("I/O error",
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
        var answer = handler.databaseGone(cut, new org.springframework.mock.web.MockHttpServletRequest("POST", "/v1/orders"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void the_same_exceptions_for_another_reason_are_still_a_500() {
        var other = new TransactionSystemException("commit failed", new java.sql.SQLException("serialization", "40001"));
        var answer = handler.databaseGone(other, new org.springframework.mock.web.MockHttpServletRequest("POST", "/v1/orders"));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(ProblemExceptionHandler.connectionLost(new IllegalStateException("no SQLException"))).isFalse();
    }
}
