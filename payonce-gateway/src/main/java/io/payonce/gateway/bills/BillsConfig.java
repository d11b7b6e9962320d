package io.payonce.gateway.bills;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bill download's beans; the gateway's clock when it has one, the system's otherwise. */
@Configuration(proxyBeanMethods = false)
class BillsConfig {

    /** The sandbox merchant's partner id (Alipay's 2088 + 12 digits), as it names the bill files. */
    static final String SANDBOX_PID = "2088000000000001";

    @Bean
    BillLinks alipayBillLinks(ObjectProvider<Clock> clock) {
        return new BillLinks(clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    BillDownloadUrlQuery alipayBillDownloadUrlQuery(BillLinks links, ObjectProvider<Clock> clock) {
        return new BillDownloadUrlQuery(links, clock.getIfAvailable(Clock::systemUTC));
    }
}
