package io.payonce.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How {@link StoredAnswerCache} names and writes an answer in Redis: pure functions, no Redis. */
final class StoredAnswerCodec {

    /** Bytes before the content type: the status (int), the type's length (short, -1 for none), whether there is a body (byte). */
    private static final int HEADER_BYTES = Integer.BYTES + Short.BYTES + 1;
    private static final short NULL_LENGTH = -1;

    private StoredAnswerCodec() {
    }

    /** SHA-256 of scope, key and fingerprint, each length-prefixed so no two requests share one. */
    static String cacheKey(IdempotentRequest request) {
        MessageDigest sha256 = sha256();
        for (byte[] part : new byte[][] {request.scope().getBytes(StandardCharsets.UTF_8),
                request.key().getBytes(StandardCharsets.UTF_8), request.fingerprint()}) {
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
            sha256.update(part);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Status, content type and body, with null kept apart from empty so a replay from here is exactly PostgreSQL's. */
    static byte[] encode(StoredResponse answer) {
        byte[] type = answer.contentType() == null ? new byte[0] : answer.contentType().getBytes(StandardCharsets.UTF_8);
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        return ByteBuffer.allocate(HEADER_BYTES + type.length + body.length)
                .putInt(answer.status())
                .putShort((short) (answer.contentType() == null ? NULL_LENGTH : type.length))
                .put((byte) (answer.body() == null ? 0 : 1))
                .put(type).put(body).array();
    }

    static StoredResponse decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int status = buffer.getInt();
        short typeLength = buffer.getShort();
        boolean hasBody = buffer.get() == 1;
        byte[] type = new byte[Math.max(0, typeLength)];
        buffer.get(type);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return new StoredResponse(status, typeLength == NULL_LENGTH ? null : new String(type, StandardCharsets.UTF_8), hasBody ? body : null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
