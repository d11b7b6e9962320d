package io.payonce.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

class GatewaySettingsTest {

    private static MockEnvironment environment() {
        return new MockEnvironment().withProperty("payonce.gateway.db.url", "jdbc:postgresql://127.0.0.1:5432/gw");
    }

    @Test
    void defaults_play_the_real_schedules_keep_keys_in_the_data_folder_and_hold_lost_answers_30_s() {
        GatewaySettings settings = GatewaySettings.from(environment().withProperty("payonce.gateway.data-dir", "/tmp/gw"));

        assertThat(settings.notifyTimeScale()).isEqualTo(1.0);
        assertThat(settings.notifyRetryDelays()).isEmpty();
        assertThat(settings.autopayMs()).isZero();
        assertThat(settings.lostAnswerHold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.keysPath()).isEqualTo(Path.of("/tmp/gw/keys"));
        assertThat(settings.db().poolSize()).isEqualTo(10);
    }

    @Test
    void set_values_are_bound() {
        GatewaySettings settings = GatewaySettings.from(environment().withProperty("payonce.gateway.keys-dir", "/tmp/k")
                .withProperty("payonce.gateway.notify-retry-delays", "40ms,1s").withProperty("payonce.gateway.autopay-ms", "200")
                .withProperty("payonce.gateway.notify-time-scale", "0.0005").withProperty("payonce.gateway.db.pool-size", "3"));

        assertThat(settings.keysPath()).isEqualTo(Path.of("/tmp/k"));
        assertThat(settings.notifyRetryDelays()).isEqualTo(List.of(Duration.ofMillis(40), Duration.ofSeconds(1)));
        assertThat(settings.autopayMs()).isEqualTo(200);
        assertThat(settings.notifyTimeScale()).isEqualTo(0.0005);
        assertThat(settings.db().poolSize()).isEqualTo(3);
    }

    @Test
    void no_database_url_stops_start_up_naming_the_setting() {
        assertThatThrownBy(() -> GatewaySettings.from(new MockEnvironment()))
                .hasMessageContaining("payonce.gateway.db.url");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "payonce.gateway.notify-time-scale | 0",
            "payonce.gateway.notify-time-scale | -1",
            "payonce.gateway.autopay-ms | -1",
            "payonce.gateway.autopay-ms | 86400001",
            "payonce.gateway.notify-in-flight-max | 0",
            "payonce.gateway.autopay-batch-max | 1001",
            "payonce.gateway.notify-retry-delays | 0s",
            "payonce.gateway.poll-interval | 0ms",
            "payonce.gateway.lost-answer-hold | -1s",
            "payonce.gateway.public-base-url | ftp://x",
            "payonce.gateway.db.pool-size | 0",
    })
    void a_bad_value_stops_start_up_naming_its_setting(String setting, String value) {
        assertThatThrownBy(() -> GatewaySettings.from(environment().withProperty(setting, value)))
                .hasMessageContaining(setting);
    }

    @Test
    void the_database_password_never_shows_in_the_settings_text() {
        GatewaySettings settings = GatewaySettings.from(environment().withProperty("payonce.gateway.db.password", "s3cret-pw")
                .withProperty("payonce.gateway.db.url", "postgresql://gw:s3cret-pw@127.0.0.1/gw"));

        assertThat(settings.toString()).doesNotContain("s3cret-pw");
        assertThat(GatewayConfig.connection(settings.db())).satisfies(connection -> {
            assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/gw");
            assertThat(connection.username()).isEqualTo("gw");
            assertThat(connection.password()).isEqualTo("s3cret-pw");
            assertThat(connection.toString()).doesNotContain("s3cret-pw");
        });
    }
}
