package io.payonce.channels.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.payonce.channels.PaymentChannel.BillDownload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fetches the bill file whose short-lived URL {@code alipay.data.dataservice.bill.downloadurl.query} returned. */
final class AlipayBills {

    /** Format name of Alipay's trade bill: a zip of GBK CSV files (c9's reconciliation reads it). */
    static final String FORMAT = "alipay-trade-zip";
    /**
     * A day's trade bill of a shop is a few MB zipped even at hundreds of thousands of trades; 64 MiB
     * bounds the memory a wrong or hostile URL can take.
     */
    static final int BILL_BYTES_MAX = 64 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(AlipayBills.class);

    private final HttpClient http;
    private final Duration readTimeout;

    AlipayBills(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.readTimeout = readTimeout;
    }

    BillDownload fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            return new BillDownload.Unknown("bill_download_url is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            return new BillDownload.Unknown("bill_download_url is not an http(s) URL");
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return new BillDownload.Unknown("bill download answered " + response.statusCode());
                }
                byte[] file = body.readNBytes(BILL_BYTES_MAX + 1);
                return file.length > BILL_BYTES_MAX
                        ? new BillDownload.Unknown("bill larger than " + BILL_BYTES_MAX + " bytes")
                        : new BillDownload.Ready(FORMAT, file);
            }
        } catch (IOException e) {
            log.warn("alipay bill download failed: {}", e.getClass().getSimpleName());
            return new BillDownload.Unknown("bill download failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BillDownload.Unknown("interrupted");
        }
    }
}
