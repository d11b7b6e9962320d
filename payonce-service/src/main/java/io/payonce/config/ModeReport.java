package io.payonce.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says which mode runs and what it allows: once in the start-up log, and in /actuator/info. */
@Component
class ModeReport implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(ModeReport.class);

    private final Map<String, Object> details;

    ModeReport(Environment environment) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", Mode.of(environment).wireName());
        details.put("testHelpers", enabled(environment, ModeDefaults.TEST_HELPERS));
        details.put("swaggerUi", enabled(environment, ModeDefaults.SWAGGER_UI));
        this.details = Collections.unmodifiableMap(details);
        log.info("payonce mode: {} (test helpers {}, Swagger UI {})", details.get("mode"),
                onOff(details.get("testHelpers")), onOff(details.get("swaggerUi")));
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("payonce", details);
    }

    private static boolean enabled(Environment environment, ModeDefaults.Switch feature) {
        return Boolean.parseBoolean(environment.getProperty(feature.property(), "false"));
    }

    private static String onOff(Object enabled) {
        return Boolean.TRUE.equals(enabled) ? "on" : "off";
    }
}
