package io.lakelet.kinesis.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Tokens that clients must treat as opaque (shard iterators, next tokens): a kind, some text parts and a
 * checksum, base64 encoded. Decoding rejects anything Lakelet did not make, so a malformed or edited
 * token is told apart from a valid one.
 */
public final class OpaqueToken {
    private static final char SEPARATOR = '\u0001';

    private OpaqueToken() {
    }

    public static String encode(String kind, Object... parts) {
        StringBuilder b = new StringBuilder(kind);
        for (Object p : parts) {
            b.append(SEPARATOR).append(p);
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        String text = Long.toHexString(crc.getValue()) + SEPARATOR + b;
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a token of {@code kind} with exactly {@code count} parts, or null if it is not one. */
    public static List<String> decode(String token, String kind, int count) {
        if (token == null) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] fields = text.split(String.valueOf(SEPARATOR), -1);
        if (fields.length != count + 2 || !fields[1].equals(kind)) {
            return null;
        }
        String body = text.substring(fields[0].length() + 1);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        if (!Long.toHexString(crc.getValue()).equals(fields[0])) {
            return null;
        }
        return Arrays.asList(fields).subList(2, fields.length);
    }
}
