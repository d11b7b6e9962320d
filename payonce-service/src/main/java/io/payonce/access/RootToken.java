package io.payonce.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.payonce.config.PayonceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code PAYONCE_ADMIN_TOKEN}, the root credential with every scope: configured, or in sandbox
 * mode generated and printed once at start-up (production refuses to start without one).
 */
@Component
public class RootToken {

    static final String SETTING = "payonce.admin.token (PAYONCE_ADMIN_TOKEN)";
    private static final int LENGTH_MIN = 16;

    private final byte[] token;
    private final boolean generated;

    RootToken(PayonceProperties properties) {
        String configured = properties.admin().token();
        this.generated = configured == null || configured.isBlank();
        String value = generated ? "adm_" + Secrets.randomSecret() : configured;
        if (!generated && value.length() < LENGTH_MIN) {
            throw new IllegalStateException(SETTING + " must be at least " + LENGTH_MIN + " characters");
        }
        this.token = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    Optional<Caller.Root> authenticate(String presented) {
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
            return Optional.empty();
        }
        return Optional.of(new Caller.Root(new TokenSeed(presented)));
    }

    /** Printed on the console, never through the log (a log may be shipped elsewhere). */
    @EventListener(ApplicationReadyEvent.class)
    void printGenerated() {
        if (generated) {
            System.out.println("payonce admin token (generated; set PAYONCE_ADMIN_TOKEN to choose one): "
                    + new String(token, StandardCharsets.UTF_8));
        }
    }
}
