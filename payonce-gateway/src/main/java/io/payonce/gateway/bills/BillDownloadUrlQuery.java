package io.payonce.gateway.bills;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;

import io.payonce.gateway.alipay.AlipayMethod;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code alipay.data.dataservice.bill.downloadurl.query}: hands out a short-lived link to a day's
 * trade bill, served by {@link BillFileController} on this gateway. Daily trade bills only
 * ({@code bill_type=trade}, {@code bill_date=yyyy-MM-dd}); anything else is refused with Alipay's
 * codes. Unlike Alipay, which offers a day's bill from 09:00 the next morning, the sandbox also
 * hands out today's bill as it stands, so that a demo or a test can reconcile at once.
 */
public class BillDownloadUrlQuery implements AlipayMethod {

    static final String NAME = "alipay.data.dataservice.bill.downloadurl.query";
    /** Alipay's bills begin on 2016-01-01; it has none for an earlier day. */
    static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);
    static final String INVALID_ARGUMENTS = "isv.invalid-arguments";
    static final String BILL_NOT_EXIST = "isp.bill_not_exist";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private final BillLinks links;
    private final Clock clock;

    BillDownloadUrlQuery(BillLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> handle(String appId, Map<String, Object> bizContent) throws AlipayFailure {
        Object type = bizContent.get("bill_type");
        if (!"trade".equals(type)) {
            throw new AlipayFailure(INVALID_ARGUMENTS, "bill_type: the sandbox offers the trade bill only");
        }
        LocalDate day = day(bizContent.get("bill_date"));
        if (day.isBefore(FIRST_DAY) || day.isAfter(LocalDate.now(clock.withZone(AlipayTradeBill.ZONE)))) {
            throw new AlipayFailure(BILL_NOT_EXIST, "账单不存在");
        }
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(BillFileController.PATH).path("/").path(links.issue(day) + BillFileController.SUFFIX)
                .build().toUriString();
        return Map.of("bill_download_url", url);
    }

    private static LocalDate day(Object billDate) throws AlipayFailure {
        if (!(billDate instanceof String text) || text.length() != 10) {
            throw new AlipayFailure(INVALID_ARGUMENTS, "bill_date: a daily bill is named yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(text, DAY);
        } catch (DateTimeParseException e) {
            throw new AlipayFailure(INVALID_ARGUMENTS, "bill_date: a daily bill is named yyyy-MM-dd");
        }
    }
}
