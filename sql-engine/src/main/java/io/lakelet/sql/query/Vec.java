package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/**
 * One column of a batch of rows in the vectorised path: a primitive array for the values, and which rows
 * are NULL ({@code nulls} is null when none are).
 * <ul>
 *   <li>{@link Kind#LONG}: every integer type, BOOLEAN (0/1), DATE (days since the epoch) and TIMESTAMP
 *       (milliseconds), as the enumerable code holds them.</li>
 *   <li>{@link Kind#DECIMAL}: the unscaled value at {@code scale} in {@code longs}, or, for a batch with a value
 *       that does not fit in a long, every value as a BigDecimal in {@code wide}.</li>
 *   <li>{@link Kind#DOUBLE}: DOUBLE and REAL.</li>
 *   <li>{@link Kind#STRING}: VARCHAR as Parquet's {@link Binary} (as read, without decoding) or as String.</li>
 * </ul>
 */
final class Vec {
    enum Kind { LONG, DECIMAL, DOUBLE, STRING }

    static final int BATCH = 4096;

    final Kind kind;
    final int scale;
    long[] longs;
    double[] doubles;
    Object[] objects;
    BigDecimal[] wide;
    boolean[] nulls;
    /**
     * For a STRING batch read from dictionary-encoded Parquet pages: each row's id in {@code dictionary}
     * (the same array for the whole row group), and {@code objects} is not filled; null otherwise. Read
     * rows through {@link #object} or {@link #string}, which look the ids up.
     */
    int[] ids;
    Object[] dictionary;

    Vec(Kind kind, int scale) {
        this.kind = kind;
        this.scale = scale;
        switch (kind) {
            case LONG, DECIMAL -> longs = new long[BATCH];
            case DOUBLE -> doubles = new double[BATCH];
            case STRING -> objects = new Object[BATCH];
        }
    }

    boolean isNull(int i) {
        return nulls != null && nulls[i];
    }

    /** Marks row {@code i} NULL, making room for the flags on the first NULL of the batch. */
    void setNull(int i) {
        if (nulls == null) {
            nulls = new boolean[BATCH];
        }
        nulls[i] = true;
    }

    /** Forgets the NULL flags and wide decimals of the last batch (the values are overwritten). */
    void reset() {
        if (nulls != null) {
            Arrays.fill(nulls, false);
        }
        wide = null;
        dictionary = null;
    }

    /** A decimal at row {@code i}: kept unscaled while it fits, else the batch turns wide. */
    void setDecimal(int i, BigDecimal d, int rows) {
        BigDecimal v = d.scale() == scale ? d : d.setScale(scale, java.math.RoundingMode.HALF_UP);
        if (wide == null) {
            BigInteger u = v.unscaledValue();
            if (u.bitLength() < 63) {
                longs[i] = u.longValue();
                return;
            }
            widen(rows);
        }
        wide[i] = v;
    }

    /** Turns a decimal batch of {@code rows} rows wide (BigDecimal), keeping the values set so far. */
    void widen(int rows) {
        if (wide != null) {
            return;
        }
        wide = new BigDecimal[BATCH];
        for (int i = 0; i < rows; i++) {
            wide[i] = BigDecimal.valueOf(longs[i], scale);
        }
    }

    /** The value of a decimal row as a BigDecimal at this vector's scale. */
    BigDecimal decimal(int i) {
        return wide != null ? wide[i] : BigDecimal.valueOf(longs[i], scale);
    }

    /** A string row as read: a Parquet {@link Binary} or a String, from the dictionary when the batch has one. */
    Object object(int i) {
        return dictionary != null ? dictionary[ids[i]] : objects[i];
    }

    /** A string row as a Java String, whichever way it was read. */
    String string(int i) {
        Object o = object(i);
        return o instanceof Binary b ? b.toStringUsingUTF8() : (String) o;
    }
}
