package io.payonce.shop;

import io.payonce.PayonceApplication;
import io.payonce.channels.PaymentChannel;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * payonce as a separate JVM that kills itself ({@code Runtime.halt}: no shutdown hooks, no
 * finally blocks, no rollback handlers) at the point named by the {@code PAYONCE_CRASH_AT}
 * environment variable. Started by {@link JvmKillIT}.
 */
public final class CrashingPayonce {

    /** The exit status of the halt, so the test can tell a crash from any other exit. */
    static final int CRASH_STATUS = 137;

    private CrashingPayonce() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(PayonceApplication.class, CrashPoints.class).run(args);
    }

    private static void haltIf(String point, String crashAt) {
        if (point.equals(crashAt)) {
            Runtime.getRuntime().halt(CRASH_STATUS);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CrashPoints {
        @Bean
        static BeanPostProcessor haltingChannels() {
            String crashAt = System.getenv("PAYONCE_CRASH_AT");
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof PaymentChannel channel
                            ? new CrashPointChannel(channel, point -> haltIf(point, crashAt))
                            : bean;
                }
            };
        }
    }
}
