package io.payonce;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The payonce service: exactly-once sale of card keys and memberships. The sandbox gateway
 * ({@code io.payonce.gateway}) is another application that tests and the launcher may load in the
 * same JVM: it is kept out of this one's component scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.payonce\\.gateway\\..*")})
@ConfigurationPropertiesScan
@EnableScheduling
public class PayonceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PayonceApplication.class, args);
    }
}
