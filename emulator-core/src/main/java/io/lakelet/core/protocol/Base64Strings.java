package io.lakelet.core.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes a JSON string of plain base64 (the standard alphabet, padded to a multiple of four, no
 * escapes, no whitespace) straight from the raw UTF-8 bytes of a document. Jackson's own decoding goes
 * byte by byte through a growable builder and costs several times more; for a PutRecords of 500 x 1 KiB
 * records it was half the server's time. Anything else, including every malformed string, is left to
 * Jackson ({@code null}), so the fast path never accepts or rejects what Jackson would not.
 *
 * <p>What counts as plain is what the JDK's strict decoder ({@link java.util.Base64#getDecoder()}) takes:
 * only alphabet characters, then {@code xx==} or {@code xxx=} as the last group at most. The decoding is
 * our own because the JDK's (not an intrinsic on x86 in Java 17) took a quarter of a PutRecords call: the
 * closing quote is found eight bytes at a time, then each group of four characters is decoded with one
 * table read per character into an array of the exact size.
 */
final class Base64Strings {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /**
     * The value of each character, shifted to its place in a group of four: {@code FIRST[c] | SECOND[d] |
     * THIRD[e] | FOURTH[f]} is the group's 24 bits, or negative when any of them is not in the alphabet.
     */
    private static final int[] FIRST = new int[256];
    private static final int[] SECOND = new int[256];
    private static final int[] THIRD = new int[256];
    private static final int[] FOURTH = new int[256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';

    static {
        Arrays.fill(FIRST, -1);
        Arrays.fill(SECOND, -1);
        Arrays.fill(THIRD, -1);
        Arrays.fill(FOURTH, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            char c = ALPHABET.charAt(i);
            FIRST[c] = i << 18;
            SECOND[c] = i << 12;
            THIRD[c] = i << 6;
            FOURTH[c] = i;
        }
    }

    private Base64Strings() {
    }

    /**
     * The bytes of the JSON string whose opening quote is at {@code in[quote]}, when it is plain padded
     * base64 closed by a quote before {@code limit}; otherwise null.
     */
    static byte[] decodeQuoted(byte[] in, int quote, int limit) {
        int end = indexOfQuote(in, quote + 1, limit);
        return end >= limit ? null : decode(in, quote + 1, end);
    }

    /**
     * The bytes of {@code in[start, end)}, the text of a JSON string up to its closing quote at {@code end},
     * when it is plain padded base64; otherwise null.
     */
    static byte[] decode(byte[] in, int start, int end) {
        int length = end - start;
        // Unpadded base64 is Jackson's to refuse (the JDK decoder would take it); an escaped quote leaves a
        // backslash before the quote found, which is not in the alphabet.
        if ((length & 3) != 0) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        int padding = in[end - 1] != '=' ? 0 : in[end - 2] != '=' ? 1 : 2;
        byte[] out = new byte[length / 4 * 3 - padding];
        int whole = padding == 0 ? end : end - 4;
        int o = 0;
        for (int i = start; i < whole; i += 4) {
            int group = FIRST[in[i] & 0xFF] | SECOND[in[i + 1] & 0xFF] | THIRD[in[i + 2] & 0xFF]
                    | FOURTH[in[i + 3] & 0xFF];
            if (group < 0) {
                return null;
            }
            out[o] = (byte) (group >> 16);
            out[o + 1] = (byte) (group >> 8);
            out[o + 2] = (byte) group;
            o += 3;
        }
        if (padding > 0) {
            // xx== gives one byte, xxx= two; the bits the padding leaves over are ignored, as the JDK does.
            int group = FIRST[in[whole] & 0xFF] | SECOND[in[whole + 1] & 0xFF]
                    | (padding == 1 ? THIRD[in[whole + 2] & 0xFF] : 0);
            if (group < 0) {
                return null;
            }
            out[o] = (byte) (group >> 16);
            if (padding == 1) {
                out[o + 1] = (byte) (group >> 8);
            }
        }
        return out;
    }

    /** The index of the first {@code "} at or after {@code from}, or {@code limit} when there is none before it. */
    static int indexOfQuote(byte[] in, int from, int limit) {
        int i = from;
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long x = (long) LONGS.get(in, i) ^ QUOTES;
            // A byte of x is zero where the input has a quote; the lowest such byte sets its high bit here.
            long zeros = (x - ONES) & ~x & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        while (i < limit && in[i] != '"') {
            i++;
        }
        return i;
    }
}
