package io.payonce.gateway.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Drops the connection of a request marked {@link #DROP_CONNECTION} without writing any answer:
 * Tomcat's CLOSE_NOW forbids further output, so not even the status line reaches the client.
 * Servlet code cannot do this; a valve sees Tomcat's own request and response.
 */
class LostAnswerValve extends ValveBase {

    /** The request attribute that asks for the drop. */
    static final String DROP_CONNECTION = LostAnswerValve.class.getName() + ".drop";

    LostAnswerValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (Boolean.TRUE.equals(request.getAttribute(DROP_CONNECTION)) && !response.isCommitted()) {
            response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
        }
    }

    /** Installs the valve on the gateway's Tomcat. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextValves(new LostAnswerValve());
        }
    }
}
