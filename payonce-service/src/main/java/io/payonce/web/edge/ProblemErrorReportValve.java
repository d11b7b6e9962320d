package io.payonce.web.edge;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The container's last word, as JSON instead of Tomcat's HTML page: an error Tomcat answers
 * before any filter or servlet runs (a request line it cannot decode, such as {@code /v1/orders/ord%zz})
 * gets problem+json, or the membership envelope under /api/member. Nothing of the request or the
 * server is echoed. Errors the application answers never reach it: it writes only when nothing has
 * been written yet.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean clientError = status < 500;
        String body = isMemberApi(request)
                ? "{\"code\":" + (clientError ? 40000 : 50001) + ",\"message\":\"" + (clientError ? "bad request" : "internal error")
                        + "\",\"data\":null}"
                : "{\"type\":\"urn:payonce:problem:" + code(clientError) + "\",\"title\":\"" + (clientError ? "Bad request" : "Internal error")
                        + "\",\"status\":" + status + ",\"detail\":\"The request could not be read\",\"code\":\"" + code(clientError) + "\"}";
        try {
            response.setContentType(isMemberApi(request) ? "application/json" : "application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The connection is gone or the response committed meanwhile: nothing more can be said.
        }
    }

    private static String code(boolean clientError) {
        return clientError ? "invalid_request" : "internal_error";
    }

    private static boolean isMemberApi(Request request) {
        String uri = request.getRequestURI();
        return uri != null && uri.startsWith("/api/member/");
    }
}
