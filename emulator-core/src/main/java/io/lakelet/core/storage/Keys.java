package io.lakelet.core.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds ordered byte keys: strings are UTF-8 followed by a 0x00 separator, numbers are fixed-width big
 * endian with the sign bit flipped, so byte order equals the natural order of each part. Every service
 * key starts with the account and the region ({@link #scoped(String, String)}).
 */
public final class Keys {
    // A plain growable array: ByteArrayOutputStream takes a lock on every byte written.
    private byte[] buf = new byte[64];
    private int size;

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
        write(b);
        write(0);
        return this;
    }

    /** Appends a string with no separator after it: for the last part of a prefix that should match more. */
    public Keys addOpen(String part) {
        write(part.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Keys add(long value) {
        long v = value ^ Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            write((int) (v >>> (i * 8)));
        }
        return this;
    }

    public Keys add(int value) {
        int v = value ^ Integer.MIN_VALUE;
        for (int i = 3; i >= 0; i--) {
            write(v >>> (i * 8));
        }
        return this;
    }

    public Keys addBytes(byte[] raw) {
        write(raw);
        return this;
    }

    public byte[] build() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * {@code prefix} followed by {@code value} as {@link #add(long)} writes it: a key under a prefix built
     * once, for a run of keys that differ only in a trailing number.
     */
    public static byte[] withLong(byte[] prefix, long value) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + 8);
        long v = value ^ Long.MIN_VALUE;
        for (int i = 0; i < 8; i++) {
            key[prefix.length + i] = (byte) (v >>> ((7 - i) * 8));
        }
        return key;
    }

    private void write(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, size * 2);
        }
        buf[size++] = (byte) b;
    }

    private void write(byte[] b) {
        if (size + b.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size * 2, size + b.length));
        }
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
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
