package io.lakelet.kinesis.model;

import java.math.BigInteger;

/**
 * Sequence numbers as 56-digit decimal strings: {@code 49}, a 34-digit stream-wide counter, then the
 * 20-digit index of the shard. The counter grows with every record of the stream, so numbers grow
 * strictly within a shard, and a child shard's numbers are greater than its parents' (the counter at the
 * split is past every record of the parents), as in AWS.
 */
public final class SequenceNumbers {
    private static final int COUNTER_DIGITS = 34;
    private static final int SHARD_DIGITS = 20;
    private static final int LENGTH = 2 + COUNTER_DIGITS + SHARD_DIGITS;

    private SequenceNumbers() {
    }

    /** A decoded sequence number. */
    public record Position(long counter, int shardIndex) {
    }

    public static String format(long counter, int shardIndex) {
        StringBuilder b = new StringBuilder(LENGTH).append("49");
        pad(b, Long.toString(counter), COUNTER_DIGITS);
        pad(b, Integer.toString(shardIndex), SHARD_DIGITS);
        return b.toString();
    }

    /** Decodes a sequence number made by {@link #format}; throws IllegalArgumentException for any other string. */
    public static Position parse(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.length() != LENGTH || !sequenceNumber.startsWith("49")
                || !sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a Lakelet sequence number: " + sequenceNumber);
        }
        BigInteger counter = new BigInteger(sequenceNumber.substring(2, 2 + COUNTER_DIGITS));
        BigInteger shard = new BigInteger(sequenceNumber.substring(2 + COUNTER_DIGITS));
        if (counter.bitLength() > 62 || shard.bitLength() > 31) {
            throw new IllegalArgumentException("sequence number out of range: " + sequenceNumber);
        }
        return new Position(counter.longValueExact(), shard.intValueExact());
    }

    private static void pad(StringBuilder b, String digits, int width) {
        b.append("0".repeat(width - digits.length())).append(digits);
    }
}
