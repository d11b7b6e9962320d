package io.payonce.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/** The browser helper drives Debian's headless Chromium: a page's script runs, clicks land, screenshots are PNGs. */
class BrowserTest {

    private static final String PAGE = """
            <!doctype html><html><body>
            <p id="lang"></p><button id="go">Go</button><p id="out"></p>
            <script>
              document.getElementById('lang').textContent = navigator.language;
              document.getElementById('go').onclick = () => document.getElementById('out').textContent = 'clicked';
            </script></body></html>""";

    @Test
    void a_page_runs_its_script_takes_a_click_and_is_saved_as_a_png() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Browser browser = Browser.open("zh-CN")) {
            browser.go("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(browser.text("#lang")).isEqualTo("zh-CN");
            browser.click("#go");
            assertThat(browser.textContaining("#out", "clicked")).isEqualTo("clicked");
            Path shot = browser.phone().screenshot("browser-helper");
            byte[] png = Files.readAllBytes(shot);
            assertThat(png).startsWith(new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        } finally {
            server.stop(0);
        }
    }
}
