package io.lakelet.core.protocol;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Decodes a JSON string of plain base64 (the standard alphabet, padded to a multiple of four, no
 * escapes, no whitespace) straight from the raw UTF-8 bytes of a document. Jackson's own decoding goes
 * byte by byte through a growable builder and costs several times more; for a PutRecords of 500 x 1 KiB
 * records it was half the server's time. Anything else, including every malformed string, is left to
 * Jackson ({@code null}), so the fast path never accepts or rejects what Jackson would not.
 */
final class Base64Strings {
    /** Strict RFC 4648: the standard alphabet only, padding only at the end, nothing else. */
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private Base64Strings() {
    }

    /**
     * The bytes of the JSON string whose opening quote is at {@code in[quote]}, when it is plain padded
     * base64 closed by a quote before {@code limit}; otherwise null.
     */
    static byte[] decodeQuoted(byte[] in, int quote, int limit) {
        int start = quote + 1;
        int end = start;
        while (end < limit && in[end] != '"') {
            end++;
        }
        // Unpadded base64 is Jackson's to refuse (the JDK decoder would take it); an escaped quote leaves a
        // backslash before the quote found, which the decoder refuses.
        if (end >= limit || (end - start & 3) != 0) {
            return null;
        }
        ByteBuffer decoded;
        try {
            decoded = DECODER.decode(ByteBuffer.wrap(in, start, end - start));
        } catch (IllegalArgumentException notPlain) {
            return null;
        }
        byte[] out = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.remaining() == out.length ? out
                : java.util.Arrays.copyOfRange(out, decoded.arrayOffset() + decoded.position(),
                        decoded.arrayOffset() + decoded.limit());
    }
}
