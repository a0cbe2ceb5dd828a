package io.lakelet.glue.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The stored identity of a partition: its values in key order joined by U+0001, one key part, so that
 * partitions of a table sort by their values and one partition is one key.
 */
public final class PartitionId {
    private static final char SEPARATOR = '\u0001';

    private PartitionId() {
    }

    public static String of(List<String> values) {
        return String.join(String.valueOf(SEPARATOR), values);
    }

    /** The values of a stored partition id. */
    public static List<String> values(String id) {
        return List.of(id.split(String.valueOf(SEPARATOR), -1));
    }

    /**
     * The values of the partition stored under {@code key}, whose id starts at {@code offset} and runs to
     * the key's last byte (the separator the key builder appends).
     */
    public static List<String> valuesOfKey(byte[] key, int offset) {
        return values(new String(key, offset, key.length - offset - 1, StandardCharsets.UTF_8));
    }

    /** Whether a value can be part of a stored id: it must hold neither the separator nor NUL. */
    public static boolean storable(String value) {
        return value.indexOf(SEPARATOR) < 0 && value.indexOf('\0') < 0;
    }
}
