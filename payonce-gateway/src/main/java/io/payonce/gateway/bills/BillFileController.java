package io.payonce.gateway.bills;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import io.payonce.gateway.book.SandboxBook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the files behind the links {@link BillDownloadUrlQuery} hands out; an unknown or expired link is 404. */
@RestController
class BillFileController {

    static final String PATH = "/alipay/bills";
    static final String SUFFIX = ".csv.zip";

    private final SandboxBook book;
    private final BillLinks links;
    private final Clock clock;

    BillFileController(SandboxBook book, BillLinks links, ObjectProvider<Clock> clock) {
        this.book = book;
        this.links = links;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping(PATH + "/{file}")
    ResponseEntity<byte[]> download(@PathVariable String file) {
        Optional<LocalDate> day = file.endsWith(SUFFIX)
                ? links.open(file.substring(0, file.length() - SUFFIX.length()))
                : Optional.empty();
        if (day.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                    .body("bill link unknown or expired\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] zip = AlipayTradeBill.zip(BillsConfig.SANDBOX_PID, day.get(), book.bill("alipay", day.get()),
                LocalDateTime.now(clock.withZone(AlipayTradeBill.ZONE)));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(AlipayTradeBill.fileName(BillsConfig.SANDBOX_PID, day.get())).build().toString())
                .body(zip);
    }
}
