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
 * so a client never sees a whitelabel page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus resolved = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        String problemCode = switch (resolved) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND.code();
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED.code();
            case CONTENT_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE.code();
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE.code();
            default -> resolved.is5xxServerError() ? ErrorCode.INTERNAL_ERROR.code() : ErrorCode.INVALID_REQUEST.code();
        };
        return Problems.response(Problems.of(resolved, problemCode, resolved.getReasonPhrase(), resolved.getReasonPhrase()), java.util.Map.of());
    }
}
