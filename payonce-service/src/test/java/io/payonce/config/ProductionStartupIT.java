package io.payonce.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.payonce.support.IntegrationTest;
import io.payonce.support.SecondPayonce;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Production refuses to start with each setting that is only safe for play, and Spring Boot's
 * failure report names that setting. The guard runs before any bean exists: the database named
 * here is unreachable on purpose, so a start that got past the guard would fail for another reason
 * and not name the setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartupIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --payonce.test-helpers.enabled=true       | payonce.test-helpers.enabled (PAYONCE_TEST_HELPERS_ENABLED)
            --PAYONCE_TEST_HELPERS_ENABLED=true       | payonce.test-helpers.enabled (PAYONCE_TEST_HELPERS_ENABLED)
            --payonce.admin.token=                    | payonce.admin.token (PAYONCE_ADMIN_TOKEN)
            --payonce.card-keys.encryption-key=       | payonce.card-keys.encryption-key (PAYONCE_CARD_KEY_ENCRYPTION_KEY)
            --payonce.mode=prod                       | payonce.mode (PAYONCE_MODE)
            """)
    void production_refuses_to_start_and_names_the_setting(String badSetting, String named, CapturedOutput output) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String setting : List.of("--payonce.mode=production", "--payonce.db.url=jdbc:postgresql://127.0.0.1:1/unreachable",
                "--server.port=0", "--payonce.admin.token=" + IntegrationTest.ADMIN_TOKEN,
                "--payonce.card-keys.encryption-key=" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY, badSetting)) {
            // The bad setting replaces a good one of the same name: a repeated argument would be joined, not replaced.
            arguments.put(setting.substring(0, setting.indexOf('=')), setting);
        }

        assertThatThrownBy(() -> SecondPayonce.builder().run(arguments.values().toArray(String[]::new)))
                .hasStackTraceContaining(named);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("Description:\n\n" + named);
    }
}
