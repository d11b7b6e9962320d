package io.payonce;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The payonce service: exactly-once sale of card keys and memberships. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PayonceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PayonceApplication.class, args);
    }
}
