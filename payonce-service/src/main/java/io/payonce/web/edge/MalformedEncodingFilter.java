package io.payonce.web.edge;

import java.io.IOException;

import io.payonce.web.ErrorCode;
import io.payonce.web.ProblemErrorController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 {@code malformed_encoding} to a query string or form body that does not decode
 * ({@code %zz}, a lone {@code %}, bytes that are not UTF-8). The container decodes parameters
 * lazily, on the first call that needs them, and throws deep inside the controller's argument
 * binding, which used to surface as a 500 with a stack trace. So the parameters are decoded here,
 * up front, where a failure is the client's and is answered as such. The body of any other
 * content type (JSON, read raw by the controllers) is not touched.
 */
final class MalformedEncodingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasParameters(request)) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException | IllegalArgumentException e) {
                // Tomcat's InvalidParameterException is an IllegalStateException; its message may echo
                // the input, so it is neither logged nor answered.
                request.setAttribute(ProblemErrorController.CODE_ATTRIBUTE, ErrorCode.MALFORMED_ENCODING);
                response.sendError(ErrorCode.MALFORMED_ENCODING.status().value(),
                        "The query string or form body is not valid percent-encoded UTF-8");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean hasParameters(HttpServletRequest request) {
        return request.getQueryString() != null
                || MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType(request));
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }
}
