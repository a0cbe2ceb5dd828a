package io.lakelet.kinesis.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The 128-bit hash key space of a stream: how AWS splits it evenly over shards and how a partition key
 * maps into it (the MD5 of the UTF-8 key, read as an unsigned 128-bit number).
 */
public final class HashRanges {
    /** 2^128 - 1, the greatest hash key. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    });

    private HashRanges() {
    }

    /** One inclusive range of hash keys. */
    public record Range(BigInteger start, BigInteger end) {
        public boolean contains(BigInteger key) {
            return key.compareTo(start) >= 0 && key.compareTo(end) <= 0;
        }

        public boolean overlaps(Range other) {
            return start.compareTo(other.end) <= 0 && other.start.compareTo(end) <= 0;
        }
    }

    /**
     * {@code count} contiguous ranges as AWS makes them: each {@code floor(2^128 / count)} wide, the last
     * one extended to 2^128 - 1.
     */
    public static List<Range> even(int count) {
        return even(BigInteger.ZERO, MAX, count);
    }

    /** {@code count} contiguous ranges over {@code [start, end]}, split the same way. */
    public static List<Range> even(BigInteger start, BigInteger end, int count) {
        BigInteger width = end.subtract(start).add(BigInteger.ONE).divide(BigInteger.valueOf(count));
        List<Range> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger from = start.add(width.multiply(BigInteger.valueOf(i)));
            BigInteger to = i == count - 1 ? end : from.add(width).subtract(BigInteger.ONE);
            ranges.add(new Range(from, to));
        }
        return ranges;
    }

    /** The hash key of a partition key: MD5 of its UTF-8 bytes as an unsigned number. */
    public static BigInteger hashOf(String partitionKey) {
        return new BigInteger(1, MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }
}
