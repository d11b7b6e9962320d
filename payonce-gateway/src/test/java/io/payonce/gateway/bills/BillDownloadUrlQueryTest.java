package io.payonce.gateway.bills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.payonce.gateway.alipay.AlipayMethod.AlipayFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class BillDownloadUrlQueryTest {

    /** 2026-11-30 23:30 in Beijing: still the 30th there, already past the UTC day's middle. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T15:30:00Z"), ZoneOffset.UTC);

    private final BillLinks links = new BillLinks(CLOCK);
    private final BillDownloadUrlQuery method = new BillDownloadUrlQuery(links, CLOCK);

    @BeforeEach
    void a_request_to_the_gateway() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/alipay/gateway.do");
        request.setServerName("127.0.0.1");
        request.setServerPort(9090);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @AfterEach
    void no_request() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void a_past_day_gets_a_link_on_this_gateway_that_opens_to_that_day() throws AlipayFailure {
        Map<String, Object> answer = method.handle("2021000000000001", Map.of("bill_type", "trade", "bill_date", "2026-11-29"));

        String url = (String) answer.get("bill_download_url");
        assertThat(url).startsWith("http://127.0.0.1:9090/alipay/bills/20261129-").endsWith(".csv.zip");
        String name = url.substring(url.lastIndexOf('/') + 1).replace(".csv.zip", "");
        assertThat(links.open(name)).contains(LocalDate.of(2026, 11, 29));
    }

    @Test
    void today_in_beijing_is_served_as_it_stands() throws AlipayFailure {
        assertThat(method.handle("app", Map.of("bill_type", "trade", "bill_date", "2026-11-30"))).containsKey("bill_download_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01", "2099-01-01", "2015-12-31"})
    void a_day_in_the_future_in_beijing_or_before_alipay_kept_bills_does_not_exist(String day) {
        assertThatThrownBy(() -> method.handle("app", Map.of("bill_type", "trade", "bill_date", day)))
                .isInstanceOfSatisfying(AlipayFailure.class, failure -> assertThat(failure.subCode()).isEqualTo("isp.bill_not_exist"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11", "20261129", "2026-02-30", "2026-11-29 ", "yesterday", ""})
    void a_malformed_bill_date_is_an_invalid_argument(String day) {
        assertThatThrownBy(() -> method.handle("app", Map.of("bill_type", "trade", "bill_date", day)))
                .isInstanceOfSatisfying(AlipayFailure.class, failure -> assertThat(failure.subCode()).isEqualTo("isv.invalid-arguments"));
    }

    @Test
    void a_missing_date_or_another_bill_type_is_an_invalid_argument() {
        assertThatThrownBy(() -> method.handle("app", Map.of("bill_type", "trade")))
                .isInstanceOfSatisfying(AlipayFailure.class, failure -> assertThat(failure.subCode()).isEqualTo("isv.invalid-arguments"));
        assertThatThrownBy(() -> method.handle("app", Map.of("bill_type", "signcustomer", "bill_date", "2026-11-29")))
                .isInstanceOfSatisfying(AlipayFailure.class, failure -> assertThat(failure.subCode()).isEqualTo("isv.invalid-arguments"));
    }
}
