package io.payonce.web;

import java.util.stream.Collectors;

import io.payonce.common.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import io.payonce.web.edge.RequestBodyDeadlineFilter;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become HTTP answers: business outcomes map to their
 * {@link ErrorCode}; framework rejections get a code too; anything else is a bug, logged loudly
 * and answered 500 without internals.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> edge(ApiException e) {
        return Problems.response(e);
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> business(Refusal refusal) {
        return Problems.response(ApiException.of(refusal));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseBusy(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return Problems.response(Problems.of(ErrorCode.SERVICE_UNAVAILABLE, "The database is busy or unreachable; retry shortly"),
                java.util.Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }

    /**
     * A database that went away mid-transaction (shut down, restarted, the connection cut) fails a
     * rollback or a statement with these: the client may retry (its Idempotency-Key makes that
     * safe, and a transaction cut off before its commit changed nothing), so 503, not 500. Anything
     * else of these types is a bug and stays a 500.
     */
    @ExceptionHandler({TransactionSystemException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseGone(Exception e, HttpServletRequest request) {
        return connectionLost(e) ? databaseBusy(e) : unexpected(e, request);
    }

    /** Whether an SQLException in the chain says the connection is gone: SQLState class 08 (connection) or 57P (shutdown). */
    static boolean connectionLost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(new ApiException(ErrorCode.INVALID_REQUEST, "Parameter '" + e.getName() + "' is not valid"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(Problems.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred"), java.util.Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException) {
                ProblemDetail problem = Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is over its size limit");
                return new ResponseEntity<>(problem, problemHeaders(new HttpHeaders()), ErrorCode.PAYLOAD_TOO_LARGE.status());
            }
            if (cause instanceof RequestBodyDeadlineFilter.RequestBodyTimeoutException) {
                ProblemDetail problem = Problems.of(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in time");
                HttpHeaders closing = problemHeaders(new HttpHeaders());
                closing.set(HttpHeaders.CONNECTION, "close");
                return new ResponseEntity<>(problem, closing, ErrorCode.REQUEST_TIMEOUT.status());
            }
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = Problems.of(statusCode, codeFor(ex, statusCode), titleFor(statusCode), detailFor(ex));
        return new ResponseEntity<>(problem, problemHeaders(headers), statusCode);
    }

    private static HttpHeaders problemHeaders(HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(Problems.PROBLEM_JSON);
        return out;
    }

    private static String codeFor(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case HttpMessageNotReadableException e -> ErrorCode.MALFORMED_JSON.code();
            case MethodArgumentNotValidException e -> ErrorCode.INVALID_REQUEST.code();
            case HandlerMethodValidationException e -> ErrorCode.INVALID_REQUEST.code();
            case MissingServletRequestParameterException e -> ErrorCode.INVALID_REQUEST.code();
            case MissingRequestHeaderException e -> ErrorCode.INVALID_REQUEST.code();
            case NoResourceFoundException e -> ErrorCode.NOT_FOUND.code();
            case HttpRequestMethodNotSupportedException e -> ErrorCode.METHOD_NOT_ALLOWED.code();
            case HttpMediaTypeNotSupportedException e -> ErrorCode.UNSUPPORTED_MEDIA_TYPE.code();
            case HttpMediaTypeNotAcceptableException e -> ErrorCode.NOT_ACCEPTABLE.code();
            default -> status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR.code() : ErrorCode.INVALID_REQUEST.code();
        };
    }

    private static String titleFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static String detailFor(Exception ex) {
        return switch (ex) {
            case HttpMessageNotReadableException e -> "The request body is not valid JSON of the expected shape";
            case MethodArgumentNotValidException e -> e.getBindingResult().getFieldErrors().stream()
                    .map(ProblemExceptionHandler::describe).sorted().collect(Collectors.joining("; "));
            case NoResourceFoundException e -> "No such resource";
            default -> ex.getMessage();
        };
    }

    private static String describe(FieldError error) {
        return error.getField() + ": " + error.getDefaultMessage();
    }
}
