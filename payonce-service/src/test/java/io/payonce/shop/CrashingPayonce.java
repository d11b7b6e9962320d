package io.payonce.shop;

import java.util.Map;

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

    @Configuration(proxyBeanMethods = false)
    static class CrashPoints {
        @Bean
        static BeanPostProcessor haltingChannels() {
            String crashAt = System.getenv("PAYONCE_CRASH_AT");
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof PaymentChannel channel ? new HaltingChannel(channel, crashAt) : bean;
                }
            };
        }
    }

    /** The real channel, with the JVM halted right after the gateway did its part. */
    record HaltingChannel(PaymentChannel delegate, String crashAt) implements PaymentChannel {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public TradeOutcome createTrade(TradeRequest request) {
            TradeOutcome outcome = delegate.createTrade(request);
            haltIf("after_create_trade");
            return outcome;
        }

        @Override
        public TradeStatus queryTrade(String paymentId) {
            return delegate.queryTrade(paymentId);
        }

        @Override
        public CloseOutcome closeTrade(String paymentId) {
            return delegate.closeTrade(paymentId);
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            RefundOutcome outcome = delegate.refund(request);
            haltIf("after_refund");
            return outcome;
        }

        @Override
        public Notification parseNotification(Map<String, String> form) {
            return delegate.parseNotification(form);
        }

        private void haltIf(String point) {
            if (point.equals(crashAt)) {
                Runtime.getRuntime().halt(CRASH_STATUS);
            }
        }
    }
}
