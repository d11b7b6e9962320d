package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import io.payonce.channels.PaymentChannel.BillDownload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bill file behind Alipay's short-lived URL: fetched whole, and refused past its bound or when not served. */
class AlipayBillsTest {

    private HttpServer server;
    private String base;
    private final AlipayBills bills = new AlipayBills(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/bill.zip", exchange -> {
            byte[] zip = {'P', 'K', 3, 4, 1, 2, 3};
            exchange.sendResponseHeaders(200, zip.length);
            exchange.getResponseBody().write(zip);
            exchange.close();
        });
        server.createContext("/huge.zip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[1024 * 1024];
                for (int i = 0; i <= AlipayBills.BILL_BYTES_MAX / chunk.length; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException clientLeft) {
                // The client stops reading at its bound and closes: expected.
            }
        });
        server.createContext("/gone.zip", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void the_file_is_handed_over_whole_as_alipays_trade_zip() {
        assertThat(bills.fetch(base + "/bill.zip")).isInstanceOfSatisfying(BillDownload.Ready.class, ready -> {
            assertThat(ready.format()).isEqualTo("alipay-trade-zip");
            assertThat(ready.file()).containsExactly('P', 'K', 3, 4, 1, 2, 3);
        });
    }

    @Test
    void a_file_past_the_bound_a_missing_one_or_a_url_that_is_not_http_is_unknown() {
        assertThat(bills.fetch(base + "/huge.zip")).isInstanceOf(BillDownload.Unknown.class);
        assertThat(bills.fetch(base + "/gone.zip")).isEqualTo(new BillDownload.Unknown("bill download answered 404"));
        assertThat(bills.fetch("file:///etc/passwd")).isEqualTo(new BillDownload.Unknown("bill_download_url is not an http(s) URL"));
        assertThat(bills.fetch("not a url")).isInstanceOf(BillDownload.Unknown.class);
        assertThat(bills.fetch(null)).isInstanceOf(BillDownload.Unknown.class);
    }
}
