package io.payonce.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.support.ControlHttp;
import io.payonce.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The timeout fault's lost answer: the call is carried out, then the connection closes without a byte of answer. */
@GatewayIntegrationTest
@Import(AnswerLostIT.LosingEndpoint.class)
class AnswerLostIT {

    @Autowired
    LosingEndpoint endpoint;
    @LocalServerPort
    int port;

    /** A protocol endpoint that carries out its call, then asks for its answer to be lost. */
    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class LosingEndpoint {
        final AtomicInteger carriedOut = new AtomicInteger();

        @PostMapping("/test-protocol/lose")
        String lose() {
            carriedOut.incrementAndGet();
            throw new AnswerLost("test.lose");
        }
    }

    @Test
    void the_call_is_carried_out_and_the_connection_closes_without_any_answer() throws IOException {
        int before = endpoint.carriedOut.get();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test-protocol/lose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();

            byte[] answer = in.readAllBytes();

            assertThat(answer).as(new String(answer, StandardCharsets.ISO_8859_1)).isEmpty();
        }
        assertThat(endpoint.carriedOut.get()).isEqualTo(before + 1);
    }

    @Test
    void an_http_client_sees_a_broken_connection_not_a_status() {
        ControlHttp http = new ControlHttp(port);

        assertThatThrownBy(() -> http.post("/test-protocol/lose")).hasCauseInstanceOf(IOException.class);
    }
}
