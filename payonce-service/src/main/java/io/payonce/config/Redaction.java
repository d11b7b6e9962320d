package io.payonce.config;

import java.util.regex.Pattern;

/** How settings records print their secrets: never the value, only whether there is one. */
final class Redaction {

    /** {@code scheme://user:password@host}: the user-info part of a URL. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");
    /** {@code password=...} and similar in a JDBC URL's query string. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:password|sslpassword|secret|token)=)[^&;]*");

    private Redaction() {
    }

    static String secret(String value) {
        return value == null || value.isEmpty() ? "(none)" : "(redacted)";
    }

    /** The URL with its user-info and secret parameters replaced, so the host still shows. */
    static String url(String value) {
        if (value == null || value.isEmpty()) {
            return "(none)";
        }
        String withoutUserInfo = USER_INFO.matcher(value).replaceAll("(redacted)@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1(redacted)");
    }
}
