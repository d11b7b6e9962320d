package io.payonce.membership;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.payonce.signing.CanonicalString;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a createOrRenewMember body into a {@link SignedRequest}. The body is read as a stream of
 * tokens rather than bound to an object, because the signature covers each value as it was
 * written: {@code "days": 30} and {@code "days": "30"} both sign {@code days=30}, and a number is
 * never re-rendered. Every limit here is checked before the signature, so a request that breaks
 * one is refused with 400 whoever sent it.
 */
public final class SignedRequestParser {

    /** The seven fields are well under 2 KB even with an 8192-bit signature; 16 KB leaves room for extras. */
    public static final int BODY_MAX_BYTES = 16 * 1024;
    /** Fields besides the seven the contract names, which are signed like the others. */
    static final int EXTRA_FIELDS_MAX = 16;
    static final int EXTRA_VALUE_MAX_CHARS = 256;

    public static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    static final Pattern NONCE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    /** Base64 of a signature by a key of at most 8192 bits is 1368 characters. */
    static final Pattern SIGN = Pattern.compile("[A-Za-z0-9+/=_-]{1,1400}");
    /** Plain decimal integers; the range of days is a later check, after the signature and nonce. */
    static final Pattern DAYS = Pattern.compile("-?[0-9]{1,10}");
    static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,16}");
    private static final Pattern EXTRA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private static final Set<String> KNOWN_FIELDS = Set.of("systemId", "orderNo", "userId", "days", "timestamp", "nonce", "sign");
    private static final JsonFactory JSON = new JsonFactory();

    private SignedRequestParser() {
    }

    public static SignedRequest parse(byte[] body) {
        if (body.length == 0) {
            throw malformed("The body is empty; send a JSON object");
        }
        if (body.length > BODY_MAX_BYTES) {
            throw malformed("The body is larger than " + BODY_MAX_BYTES + " bytes");
        }
        Map<String, String> fields = readFlatObject(body);
        SignedRequest request = new SignedRequest(
                required(fields, "systemId", SYSTEM_ID, "1-64 characters of A-Z a-z 0-9 . _ -"),
                required(fields, "orderNo", ORDER_NO, "1-64 characters of A-Z a-z 0-9 . _ : -"),
                required(fields, "userId", USER_ID, "1-128 characters of A-Z a-z 0-9 . _ : @ -"),
                required(fields, "days", DAYS, "a plain decimal integer"),
                required(fields, "timestamp", TIMESTAMP, "epoch milliseconds as a plain decimal integer"),
                required(fields, "nonce", NONCE, "8-64 characters of A-Z a-z 0-9 . _ -"),
                required(fields, "sign", SIGN, "the Base64 signature, at most 1400 characters"),
                canonicalString(fields));
        checkExtras(fields);
        return request;
    }

    /** The membership rule's canonical string: every non-empty field except {@code sign}. */
    static String canonicalString(Map<String, String> fields) {
        return CanonicalString.MEMBERSHIP.of(fields);
    }

    /** The top-level object's fields as written; null for JSON null. */
    private static Map<String, String> readFlatObject(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("The body must be a JSON object");
            }
            Map<String, String> fields = new TreeMap<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String value = scalarText(parser, name, parser.nextToken());
                if (fields.containsKey(name)) {
                    // Two values for one field would let the signature cover one and the grant use the other.
                    throw malformed("Field '" + abbreviate(name) + "' appears more than once");
                }
                fields.put(name, value);
                if (fields.size() > KNOWN_FIELDS.size() + EXTRA_FIELDS_MAX) {
                    throw malformed("More than " + (KNOWN_FIELDS.size() + EXTRA_FIELDS_MAX) + " fields");
                }
            }
            if (parser.nextToken() != null) {
                throw malformed("Content after the JSON object");
            }
            return fields;
        } catch (JacksonException e) {
            throw malformed("The body is not valid JSON");
        }
    }

    private static String scalarText(JsonParser parser, String name, JsonToken token) {
        return switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getString();
            case VALUE_NULL -> null;
            default -> throw invalid("Field '" + abbreviate(name) + "' must be a string or a number, not an object or array");
        };
    }

    private static String required(Map<String, String> fields, String name, Pattern format, String expected) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw invalid("Field '" + name + "' is required");
        }
        if (!format.matcher(value).matches()) {
            throw invalid("Field '" + name + "' must be " + expected);
        }
        return value;
    }

    private static void checkExtras(Map<String, String> fields) {
        fields.forEach((name, value) -> {
            if (KNOWN_FIELDS.contains(name)) {
                return;
            }
            if (!EXTRA_NAME.matcher(name).matches()) {
                throw invalid("Field name '" + abbreviate(name) + "' must be a letter then up to 63 letters, digits or _");
            }
            if (value != null && value.length() > EXTRA_VALUE_MAX_CHARS) {
                throw invalid("Field '" + name + "' is longer than " + EXTRA_VALUE_MAX_CHARS + " characters");
            }
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static MemberApiException malformed(String message) {
        return new MemberApiException(MemberError.MALFORMED_REQUEST, message);
    }

    private static MemberApiException invalid(String message) {
        return new MemberApiException(MemberError.INVALID_FIELD, message);
    }
}
