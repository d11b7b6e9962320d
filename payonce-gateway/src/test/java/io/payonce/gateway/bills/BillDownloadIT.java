package io.payonce.gateway.bills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.payonce.gateway.alipay.AlipayMethod;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.book.SandboxBook.RefundRequest;
import io.payonce.gateway.support.CallbackRecorder;
import io.payonce.gateway.support.ControlHttp;
import io.payonce.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The whole gateway: trades paid and refunded on its PostgreSQL book come back as today's bill behind the method's link. */
@GatewayIntegrationTest
class BillDownloadIT {

    @Autowired
    SandboxBook book;
    @Autowired
    List<AlipayMethod> methods;
    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void the_link_serves_todays_payments_and_refunds_from_the_book_as_alipays_zip() throws Exception {
        String paid = "pay_" + UUID.randomUUID().toString().replace("-", "");
        String unpaid = "pay_" + UUID.randomUUID().toString().replace("-", "");
        open(paid, 1999);
        open(unpaid, 500);
        assertThat(new ControlHttp(port).post("/sandbox/alipay/trades/" + paid + "/pay").status()).isEqualTo(200);
        String refundNo = "ref_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(book.refund(new RefundRequest("alipay", paid, refundNo, 999, "CNY", "test")))
                .isInstanceOf(SandboxBook.Refunded.Done.class);
        LocalDate today = LocalDate.now(AlipayTradeBill.ZONE);

        HttpResponse<byte[]> download = get(link(today));

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .contains(AlipayTradeBill.fileName(BillsConfig.SANDBOX_PID, today));
        String detail = AlipayTradeBillTest.unzip(download.body()).get(AlipayTradeBill.detailName(BillsConfig.SANDBOX_PID, today));
        List<String> lines = detail.lines().filter(line -> line.contains(paid) || line.contains(unpaid)).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("交易\t").contains("19.99\t");
        assertThat(lines.get(1)).contains("退款\t").contains("-9.99\t").contains(refundNo + "\t");
    }

    @Test
    void a_tampered_or_unknown_link_is_not_found() throws Exception {
        String url = link(LocalDate.now(AlipayTradeBill.ZONE).minusDays(1));
        String tampered = url.replaceFirst("/(\\d{8})-", "/20200101-");

        assertThat(get(url).statusCode()).isEqualTo(200);
        assertThat(get(tampered).statusCode()).isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + port + "/alipay/bills/nothing.csv.zip").statusCode()).isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + port + "/alipay/bills/" + url.substring(url.lastIndexOf('/') + 1)
                .replace(".csv.zip", ".zip")).statusCode()).isEqualTo(404);
    }

    /** The link the gateway's own method bean hands out, as if asked over /alipay/gateway.do on this port. */
    private String link(LocalDate day) throws AlipayMethod.AlipayFailure {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/alipay/gateway.do");
        request.setServerName("127.0.0.1");
        request.setServerPort(port);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        AlipayMethod method = methods.stream().filter(m -> m.name().equals(BillDownloadUrlQuery.NAME)).findFirst().orElseThrow();
        return (String) method.handle("2021000000000001", Map.of("bill_type", "trade", "bill_date", day.toString()))
                .get("bill_download_url");
    }

    private void open(String outTradeNo, long amount) {
        assertThat(book.open(new OpenRequest("alipay", "2021000000000001", outTradeNo, amount, "CNY", "Game key",
                CallbackRecorder.notifyUrl(port, "alipay")))).isInstanceOf(SandboxBook.Opened.Created.class);
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
