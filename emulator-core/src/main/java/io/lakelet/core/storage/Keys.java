package io.lakelet.core.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds ordered byte keys: strings are UTF-8 followed by a 0x00 separator, numbers are fixed-width big
 * endian with the sign bit flipped, so byte order equals the natural order of each part. Every service
 * key starts with the account and the region ({@link #scoped(String, String)}).
 */
public final class Keys {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    private Keys() {
    }

    public static Keys builder() {
        return new Keys();
    }

    /** A key that starts with the account and the region, as every service key does. */
    public static Keys scoped(String account, String region) {
        return new Keys().add(account).add(region);
    }

    /** Appends a string part and its separator. AWS names never contain NUL, so order is preserved. */
    public Keys add(String part) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write(0);
        return this;
    }

    /** Appends a string with no separator after it: for the last part of a prefix that should match more. */
    public Keys addOpen(String part) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        return this;
    }

    public Keys add(long value) {
        long v = value ^ Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (i * 8)));
        }
        return this;
    }

    public Keys add(int value) {
        int v = value ^ Integer.MIN_VALUE;
        for (int i = 3; i >= 0; i--) {
            out.write(v >>> (i * 8));
        }
        return this;
    }

    public Keys addBytes(byte[] raw) {
        out.write(raw, 0, raw.length);
        return this;
    }

    public byte[] build() {
        return out.toByteArray();
    }

    /** Reads a long written by {@link #add(long)} at {@code offset}. */
    public static long readLong(byte[] key, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (key[offset + i] & 0xFF);
        }
        return v ^ Long.MIN_VALUE;
    }

    /** Reads an int written by {@link #add(int)} at {@code offset}. */
    public static int readInt(byte[] key, int offset) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (key[offset + i] & 0xFF);
        }
        return v ^ Integer.MIN_VALUE;
    }

    /** The smallest key greater than every key that starts with {@code prefix}, or null if none exists. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
