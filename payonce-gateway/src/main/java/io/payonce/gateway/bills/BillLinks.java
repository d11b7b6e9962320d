package io.payonce.gateway.bills;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque, short-lived names of bill downloads: {@code <yyyyMMdd>-<expiry epoch s>-<HMAC>}, signed
 * with a key made at start-up, so the gateway keeps no table of links and a link dies with the
 * process or after {@link #VALID}, whichever comes first. A name cannot be forged for another day or
 * stretched past its expiry without the key.
 */
public final class BillLinks {

    /** Alipay's bill_download_url stops working 30 seconds after it was handed out. */
    public static final Duration VALID = Duration.ofSeconds(30);

    private static final Pattern NAME = Pattern.compile("(\\d{8})-(\\d{1,12})-([0-9a-f]{64})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final Clock clock;

    public BillLinks(Clock clock) {
        this.key = new byte[32];
        RANDOM.nextBytes(key);
        this.clock = clock;
    }

    /** A fresh name for {@code day}'s bill. */
    public String issue(LocalDate day) {
        String payload = day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + clock.instant().plus(VALID).getEpochSecond();
        return payload + "-" + mac(payload);
    }

    /** The day a name stands for, while it is genuine and has not expired. */
    public Optional<LocalDate> open(String name) {
        Matcher parts = NAME.matcher(name == null ? "" : name);
        if (!parts.matches()) {
            return Optional.empty();
        }
        String payload = parts.group(1) + "-" + parts.group(2);
        boolean genuine = MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII),
                parts.group(3).getBytes(StandardCharsets.US_ASCII));
        if (!genuine || clock.instant().isAfter(Instant.ofEpochSecond(Long.parseLong(parts.group(2))))) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(parts.group(1), DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
