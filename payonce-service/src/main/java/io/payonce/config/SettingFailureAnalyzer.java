package io.payonce.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up refusal that names a payonce setting into Spring Boot's short
 * "APPLICATION FAILED TO START" report, instead of a page of nested bean-creation stack traces.
 */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        String message = cause.getMessage();
        if (message == null || !message.startsWith("payonce.")) {
            return null;
        }
        return new FailureAnalysis(message, "Fix the setting named above (see the Configuration section of README.md).", cause);
    }
}
