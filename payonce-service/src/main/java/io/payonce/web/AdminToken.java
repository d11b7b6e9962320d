package io.payonce.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import io.payonce.config.PayonceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The bearer token of the admin endpoints: configured, or generated and printed once at start-up. */
@Component
public class AdminToken {

    private static final int GENERATED_BYTES = 24;

    private final byte[] token;
    private final boolean generated;

    AdminToken(PayonceProperties properties) {
        String configured = properties.admin().token();
        this.generated = configured == null || configured.isBlank();
        String value = generated ? generate() : configured;
        if (!generated && value.length() < 16) {
            throw new IllegalStateException("payonce.admin.token (PAYONCE_ADMIN_TOKEN) must be at least 16 characters");
        }
        this.token = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    public boolean matches(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        byte[] presented = authorizationHeader.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    @EventListener(ApplicationReadyEvent.class)
    void printGenerated() {
        if (generated) {
            System.out.println("payonce admin token (generated; set PAYONCE_ADMIN_TOKEN to choose one): "
                    + new String(token, StandardCharsets.UTF_8));
        }
    }

    private static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return "adm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
