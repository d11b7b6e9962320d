package io.payonce.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (the servlet container, filters) as problem+json,
 * so a client never sees a whitelabel page. A filter that refuses a request with
 * {@code sendError} may name its {@link ErrorCode} in the request attribute {@link #CODE_ATTRIBUTE};
 * its message is then the problem's detail.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    /** Request attribute: the {@link ErrorCode} of a refusal made with {@code sendError}. */
    public static final String CODE_ATTRIBUTE = ProblemErrorController.class.getName() + ".code";

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(CODE_ATTRIBUTE) instanceof ErrorCode code
                && request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message) {
            return Problems.response(Problems.of(code, message), java.util.Map.of());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            // Asked for directly, not forwarded with an error: there is no such resource.
            return Problems.response(Problems.of(ErrorCode.NOT_FOUND, "No such resource"), java.util.Map.of());
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus resolved = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        String problemCode = switch (resolved) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND.code();
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED.code();
            case CONTENT_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE.code();
            // Tomcat answers a body read that timed out with 408 itself (issue 17).
            case REQUEST_TIMEOUT -> ErrorCode.REQUEST_TIMEOUT.code();
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE.code();
            default -> resolved.is5xxServerError() ? ErrorCode.INTERNAL_ERROR.code() : ErrorCode.INVALID_REQUEST.code();
        };
        return Problems.response(Problems.of(resolved, problemCode, resolved.getReasonPhrase(), resolved.getReasonPhrase()), java.util.Map.of());
    }
}
