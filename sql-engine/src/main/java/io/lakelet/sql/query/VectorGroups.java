package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * The groups of one thread's share of a GROUP BY: each key column's values get small dense codes, and each
 * distinct tuple of codes a group number. Up to four key columns the codes are packed in one long (a map
 * from long to int, no object per row); beyond that, or once a column has more than 65,536 values, tuples
 * are kept as int arrays.
 */
final class VectorGroups {
    private final Codes[] keys;
    private final int bits;
    private LongIntMap packed;
    private Map<Tuple, Integer> tuples;
    private final List<int[]> groupCodes = new ArrayList<>();
    private final int[] codes;
    private final int[][] columnCodes;
    /** For two keys whose codes are both below {@link #SMALL}: the group of each pair, -1 for none yet. */
    private static final int SMALL = 64;
    private final int[] small = new int[SMALL * SMALL];

    VectorGroups(Vec.Kind[] kinds) {
        keys = new Codes[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            keys[i] = new Codes(kinds[i]);
        }
        codes = new int[kinds.length];
        columnCodes = new int[kinds.length][Vec.BATCH];
        Arrays.fill(small, -1);
        bits = kinds.length == 0 ? 64 : 64 / kinds.length;
        if (kinds.length <= 4) {
            packed = new LongIntMap();
        } else {
            tuples = new HashMap<>();
        }
    }

    int size() {
        return Math.max(groupCodes.size(), keys.length == 0 ? 1 : 0);
    }

    /** Drops what may point into the pages of the row group just read (see {@link Codes#identity}). */
    void endOfSource() {
        for (Codes c : keys) {
            c.forgetIdentities();
        }
    }

    /** The group number of each selected row, in {@code out[k]} for {@code sel[k]}. */
    void assign(Vec[] keyVecs, int[] sel, int n, int[] out) {
        if (keys.length == 0) {
            Arrays.fill(out, 0, n, 0);
            return;
        }
        for (int c = 0; c < keys.length; c++) {
            keys[c].codes(keyVecs[c], sel, n, columnCodes[c]);
        }
        if (keys.length == 1) {
            // One key: its code is the group number (codes are handed out in the order rows show them).
            int[] col = columnCodes[0];
            for (int k = 0; k < n; k++) {
                int code = col[k];
                if (code == groupCodes.size()) {
                    groupCodes.add(new int[] {code});
                }
                out[k] = code;
            }
            return;
        }
        if (keys.length == 2) {
            int[] first = columnCodes[0];
            int[] second = columnCodes[1];
            for (int k = 0; k < n; k++) {
                int a = first[k];
                int b = second[k];
                if ((a | b) < SMALL) {
                    int g = small[a * SMALL + b];
                    if (g >= 0) {
                        out[k] = g;
                        continue;
                    }
                }
                codes[0] = a;
                codes[1] = b;
                out[k] = group();
                if ((a | b) < SMALL) {
                    small[a * SMALL + b] = out[k];
                }
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < keys.length; c++) {
                codes[c] = columnCodes[c][k];
            }
            out[k] = group();
        }
    }

    private int group() {
        if (packed != null) {
            long key = 0;
            boolean fits = true;
            for (int c = 0; c < codes.length; c++) {
                if (codes[c] >= (1 << Math.min(bits, 30))) {
                    fits = false;
                    break;
                }
                key |= ((long) codes[c]) << (bits * c);
            }
            if (fits) {
                int g = packed.get(key);
                if (g < 0) {
                    g = newGroup();
                    packed.put(key, g);
                }
                return g;
            }
            toTuples();
        }
        Tuple t = new Tuple(codes.clone());
        Integer g = tuples.get(t);
        if (g == null) {
            g = newGroup();
            tuples.put(t, g);
        }
        return g;
    }

    private int newGroup() {
        groupCodes.add(codes.clone());
        return groupCodes.size() - 1;
    }

    private void toTuples() {
        tuples = new HashMap<>();
        for (int g = 0; g < groupCodes.size(); g++) {
            tuples.put(new Tuple(groupCodes.get(g)), g);
        }
        packed = null;
    }

    /** The key values of group {@code g}, as Java values of the key kinds (see {@link Codes#value}). */
    Object[] keyValues(int g) {
        Object[] out = new Object[keys.length];
        int[] c = groupCodes.get(g);
        for (int k = 0; k < keys.length; k++) {
            out[k] = keys[k].value(c[k]);
        }
        return out;
    }

    private record Tuple(int[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple t && Arrays.equals(codes, t.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }
    }

    /**
     * Dense codes for the values of one key column. NULL has a code of its own. Longs (and decimals that
     * fit, unscaled, and doubles by their bits) go through a long map; strings through a map of their bytes,
     * with a small identity cache in front: a dictionary-encoded Parquet column hands out the same Binary
     * for the same value, so most rows are found without hashing their bytes.
     */
    static final class Codes {
        private final Vec.Kind kind;
        private final LongIntMap longs = new LongIntMap();
        private final Map<Object, Integer> objects = new HashMap<>();
        private final List<Object> values = new ArrayList<>();
        private int nullCode = -1;
        private final Object[] identity = new Object[256];
        private final int[] identityCodes = new int[256];
        /** The dictionary of the row group being read, and the code of each of its ids (-1: not seen yet). */
        private Object[] dictionary;
        private int[] dictionaryCodes;
        private int scale;

        Codes(Vec.Kind kind) {
            this.kind = kind;
        }

        void forgetIdentities() {
            Arrays.fill(identity, null);
            dictionary = null;
            dictionaryCodes = null;
        }

        /** The codes of the selected rows of {@code v}, in {@code out[k]} for {@code sel[k]}. */
        void codes(Vec v, int[] sel, int n, int[] out) {
            if (kind == Vec.Kind.STRING && v.dictionary != null) {
                if (v.dictionary != dictionary) {
                    dictionary = v.dictionary;
                    dictionaryCodes = new int[dictionary.length];
                    Arrays.fill(dictionaryCodes, -1);
                }
                int[] ids = v.ids;
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    if (v.isNull(i)) {
                        out[k] = nullCode();
                    } else {
                        int c = dictionaryCodes[ids[i]];
                        out[k] = c >= 0 ? c : (dictionaryCodes[ids[i]] = stringCode(dictionary[ids[i]]));
                    }
                }
                return;
            }
            if (kind == Vec.Kind.STRING) {
                Object[] objects = v.objects;
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    out[k] = v.isNull(i) ? nullCode() : stringCode(objects[i]);
                }
                return;
            }
            if (kind == Vec.Kind.LONG || kind == Vec.Kind.DECIMAL && v.wide == null) {
                scale = v.scale;
                long[] longs = v.longs;
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    out[k] = v.isNull(i) ? nullCode() : longCode(longs[i], null);
                }
                return;
            }
            for (int k = 0; k < n; k++) {
                out[k] = code(v, sel[k]);
            }
        }

        private int nullCode() {
            if (nullCode < 0) {
                nullCode = values.size();
                values.add(null);
            }
            return nullCode;
        }

        private int stringCode(Object o) {
            int slot = System.identityHashCode(o) & 255;
            if (identity[slot] == o) {
                return identityCodes[slot];
            }
            int c = o instanceof Binary b ? objectCode(b, null) : objectCode(Binary.fromString((String) o), null);
            identity[slot] = o;
            identityCodes[slot] = c;
            return c;
        }

        int code(Vec v, int i) {
            if (v.isNull(i)) {
                return nullCode();
            }
            switch (kind) {
                case LONG:
                    return longCode(v.longs[i], null);
                case DOUBLE:
                    double d = v.doubles[i];
                    return longCode(Double.doubleToLongBits(d), d);
                case DECIMAL:
                    scale = v.scale;
                    if (v.wide == null) {
                        return longCode(v.longs[i], null);
                    }
                    BigDecimal w = v.wide[i];
                    if (w.unscaledValue().bitLength() < 63) {
                        return longCode(w.unscaledValue().longValue(), null);
                    }
                    return objectCode(w, w);
                default:
                    return stringCode(v.object(i));
            }
        }

        private int longCode(long key, Object value) {
            int c = longs.get(key);
            if (c < 0) {
                c = values.size();
                values.add(value != null ? value : key);
                longs.put(key, c);
            }
            return c;
        }

        private int objectCode(Object key, Object value) {
            Integer c = objects.get(key);
            if (c == null) {
                c = values.size();
                // A Binary may be a view of a page that is about to be reused: keep a copy.
                values.add(value != null ? value : ((Binary) key).toStringUsingUTF8());
                objects.put(key instanceof Binary b ? b.copy() : key, c);
            }
            return c;
        }

        /**
         * The value of a code: a Long (integers, dates, timestamps, booleans), a Double, a BigDecimal or a
         * String; null for NULL.
         */
        Object value(int code) {
            Object v = values.get(code);
            if (kind == Vec.Kind.DECIMAL && v instanceof Long l) {
                return BigDecimal.valueOf(l, scale);
            }
            return v;
        }
    }

    /** Open addressing from long keys to non-negative ints; {@link #get} answers -1 for a missing key. */
    static final class LongIntMap {
        private long[] keys = new long[16];
        private int[] values = new int[16];
        private boolean[] used = new boolean[16];
        private int size;

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                if (!used[i]) {
                    return -1;
                }
                if (keys[i] == key) {
                    return values[i];
                }
            }
        }

        void put(long key, int value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                if (!used[i]) {
                    used[i] = true;
                    keys[i] = key;
                    values[i] = value;
                    size++;
                    return;
                }
                if (keys[i] == key) {
                    values[i] = value;
                    return;
                }
            }
        }

        private void grow() {
            long[] k = keys;
            int[] v = values;
            boolean[] u = used;
            keys = new long[k.length * 2];
            values = new int[k.length * 2];
            used = new boolean[k.length * 2];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (u[i]) {
                    put(k[i], v[i]);
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
