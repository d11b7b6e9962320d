package io.payonce.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PAYONCE_AMQP_URL is checked at start-up, and a refusal never repeats the URL (it may hold a password). */
class IntakeConfigTest {

    @Test
    void an_amqp_or_amqps_url_with_a_host_is_taken() {
        assertThat(IntakeConfig.brokerUri(" amqp://guest:guest@127.0.0.1:5672 ").getHost()).isEqualTo("127.0.0.1");
        assertThat(IntakeConfig.brokerUri("amqps://u:p@mq.example.com/shop").getPath()).isEqualTo("/shop");
    }

    @Test
    void another_scheme_no_host_or_garbage_is_refused_without_repeating_the_url() {
        for (String bad : new String[] {"http://user:s3cret@host:5672", "amqp:///vhost", "amqp://us er:s3cret@host", "s3cret"}) {
            assertThatThrownBy(() -> IntakeConfig.brokerUri(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payonce.amqp.url (PAYONCE_AMQP_URL)")
                    .hasMessageNotContaining("s3cret");
        }
    }
}
