package io.lakelet.kinesis.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    /** The number of a counter (not negative) and shard index, written digit by digit: a put formats one per record. */
    public static String format(long counter, int shardIndex) {
        byte[] digits = new byte[LENGTH];
        Arrays.fill(digits, (byte) '0');
        digits[0] = '4';
        digits[1] = '9';
        writeDigits(digits, 2 + COUNTER_DIGITS, counter);
        writeDigits(digits, LENGTH, shardIndex);
        return new String(digits, StandardCharsets.ISO_8859_1);
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

    /** Writes {@code value} right-aligned, its last digit before {@code end}; the zeros before it are there. */
    private static void writeDigits(byte[] digits, int end, long value) {
        for (int i = end - 1; value > 0; i--) {
            digits[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
