package io.lakelet.sql.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * One flat Parquet column of a row group, decoded a page at a time and handed out in batches, each batch
 * for just the rows asked for. Definition levels and dictionary ids are unpacked in bulk (RLE runs filled,
 * bit-packed groups unpacked eight at a time with parquet-java's {@link BytePacker}); the dictionary is
 * decoded once and its pages stay ids, looked up as rows are copied out. PLAIN values are read straight
 * from the page bytes, and any other encoding (the DELTA and BYTE_STREAM_SPLIT families) goes through
 * parquet-java's own {@link ValuesReader}. Pages V1 and V2 are both read.
 */
final class ParquetColumnCursor {
    private final PageReader pages;
    private final ColumnDescriptor column;
    private final PrimitiveTypeName physical;
    private final int maxDefinition;
    /** Divides INT64 values as they are copied out (timestamps in micros or nanos to millis); 1 for none. */
    private final long divisor;
    /**
     * Where this column's data pages are decompressed when nothing is kept pointing into them (every type
     * but BINARY and FIXED_LEN_BYTE_ARRAY, whose values are slices of the page); null for new arrays.
     */
    private final ScanBuffers pageBuffers;

    private long[] dictLongs;
    private double[] dictDoubles;
    private Binary[] dictBinaries;

    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private Binary[] binaries = new Binary[0];
    private boolean[] nulls = new boolean[0];
    private boolean anyNull;
    private int[] ints = new int[0];
    /**
     * For a dictionary-encoded page: each row's dictionary id (0 for a NULL row). Such a page is not expanded
     * into values: {@link #load} looks the ids up as it copies a batch out, and a STRING batch keeps the ids
     * themselves (see {@link Vec#dictionary}).
     */
    private int[] rowIds = new int[0];
    private boolean pageIds;
    private int count;
    private int pos;

    /** {@code buffers}: the scanning thread's buffers (see {@link ScanBuffers}), or null. */
    ParquetColumnCursor(PageReader pages, ColumnDescriptor column, long divisor, ScanBuffers buffers) {
        this.pages = pages;
        this.column = column;
        this.physical = column.getPrimitiveType().getPrimitiveTypeName();
        this.maxDefinition = column.getMaxDefinitionLevel();
        this.divisor = divisor;
        this.pageBuffers = physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                ? null : buffers;
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        if (dictionaryPage != null) {
            try {
                readDictionary(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void readDictionary(Dictionary d) {
        int size = d.getMaxId() + 1;
        switch (physical) {
            case INT32 -> {
                dictLongs = new long[size];
                for (int i = 0; i < size; i++) {
                    dictLongs[i] = d.decodeToInt(i);
                }
            }
            case INT64 -> {
                dictLongs = new long[size];
                for (int i = 0; i < size; i++) {
                    dictLongs[i] = d.decodeToLong(i);
                }
            }
            case DOUBLE -> {
                dictDoubles = new double[size];
                for (int i = 0; i < size; i++) {
                    dictDoubles[i] = d.decodeToDouble(i);
                }
            }
            case FLOAT -> {
                dictDoubles = new double[size];
                for (int i = 0; i < size; i++) {
                    dictDoubles[i] = d.decodeToFloat(i);
                }
            }
            case BOOLEAN -> {
                dictLongs = new long[size];
                for (int i = 0; i < size; i++) {
                    dictLongs[i] = d.decodeToBoolean(i) ? 1 : 0;
                }
            }
            default -> {
                dictBinaries = new Binary[size];
                for (int i = 0; i < size; i++) {
                    dictBinaries[i] = d.decodeToBinary(i);
                }
            }
        }
    }

    /**
     * Moves past the next {@code n} values, copying into {@code v} (LONG, DECIMAL, DOUBLE or STRING) only rows
     * {@code sel[0..m)}, ascending; the other rows of {@code v} are left as they were. With {@code m == n}
     * every row is selected and {@code sel} is 0..n-1.
     */
    void load(Vec v, int n, int[] sel, int m) {
        // A STRING batch stands as dictionary ids while every row of it comes from dictionary pages.
        boolean ids = v.kind == Vec.Kind.STRING;
        if (ids && v.ids == null) {
            v.ids = new int[Vec.BATCH];
        }
        int base = 0;
        int k = 0;
        while (base < n) {
            if (pos == count) {
                readPage();
            }
            int span = Math.min(n - base, count - pos);
            int from = k;
            if (m == n) {
                k = base + span;
            } else {
                while (k < m && sel[k] < base + span) {
                    k++;
                }
            }
            // Row r of the batch is value r + shift of the page.
            int shift = pos - base;
            if (pageIds) {
                lookUp(v, sel, from, k, shift, ids);
            } else {
                if (ids && v.kind == Vec.Kind.STRING) {
                    // The rows so far stood as ids; this page has values, so they become values too.
                    for (int j = 0; j < from; j++) {
                        v.objects[sel[j]] = dictBinaries[v.ids[sel[j]]];
                    }
                    ids = false;
                }
                copy(v, sel, from, k, shift, m == n);
            }
            if (anyNull) {
                for (int j = from; j < k; j++) {
                    if (nulls[sel[j] + shift]) {
                        v.setNull(sel[j]);
                    }
                }
            }
            base += span;
            pos += span;
        }
        v.dictionary = ids ? dictBinaries : null;
    }

    /** Moves past the next {@code n} values. */
    void skip(int n) {
        while (n > 0) {
            if (pos == count) {
                readPage();
            }
            int step = Math.min(n, count - pos);
            pos += step;
            n -= step;
        }
    }

    /** Rows {@code sel[from..to)} of {@code v} from the decoded values of a page (row r is value r + shift). */
    private void copy(Vec v, int[] sel, int from, int to, int shift, boolean dense) {
        switch (v.kind) {
            case LONG, DECIMAL -> {
                if (dense && divisor == 1) {
                    System.arraycopy(longs, from + shift, v.longs, from, to - from);
                } else {
                    for (int j = from; j < to; j++) {
                        int r = sel[j];
                        v.longs[r] = divisor == 1 ? longs[r + shift] : Math.floorDiv(longs[r + shift], divisor);
                    }
                }
            }
            case DOUBLE -> {
                if (dense) {
                    System.arraycopy(doubles, from + shift, v.doubles, from, to - from);
                } else {
                    for (int j = from; j < to; j++) {
                        v.doubles[sel[j]] = doubles[sel[j] + shift];
                    }
                }
            }
            default -> {
                if (dense) {
                    System.arraycopy(binaries, from + shift, v.objects, from, to - from);
                } else {
                    for (int j = from; j < to; j++) {
                        v.objects[sel[j]] = binaries[sel[j] + shift];
                    }
                }
            }
        }
    }

    /**
     * Rows {@code sel[from..to)} of {@code v} from the ids of a dictionary page (row r is id r + shift); a
     * STRING batch takes the ids themselves when {@code asIds}, else the values.
     */
    private void lookUp(Vec v, int[] sel, int from, int to, int shift, boolean asIds) {
        int[] id = rowIds;
        switch (v.kind) {
            case LONG, DECIMAL -> {
                long[] out = v.longs;
                long[] dict = dictLongs;
                if (divisor == 1) {
                    for (int j = from; j < to; j++) {
                        int r = sel[j];
                        out[r] = dict[id[r + shift]];
                    }
                } else {
                    for (int j = from; j < to; j++) {
                        int r = sel[j];
                        out[r] = Math.floorDiv(dict[id[r + shift]], divisor);
                    }
                }
            }
            case DOUBLE -> {
                double[] out = v.doubles;
                double[] dict = dictDoubles;
                for (int j = from; j < to; j++) {
                    int r = sel[j];
                    out[r] = dict[id[r + shift]];
                }
            }
            default -> {
                if (asIds) {
                    int[] out = v.ids;
                    for (int j = from; j < to; j++) {
                        int r = sel[j];
                        out[r] = id[r + shift];
                    }
                } else {
                    Object[] out = v.objects;
                    Binary[] dict = dictBinaries;
                    for (int j = from; j < to; j++) {
                        int r = sel[j];
                        out[r] = dict[id[r + shift]];
                    }
                }
            }
        }
    }

    private void readPage() {
        DataPage page;
        if (pageBuffers == null) {
            page = pages.readPage();
        } else {
            // The page is decoded whole below, into this cursor's arrays, before any other page is read.
            pageBuffers.lendPageOnce();
            try {
                page = pages.readPage();
            } finally {
                pageBuffers.endLoan();
            }
        }
        if (page == null) {
            throw new IllegalStateException("Parquet column " + column + " has fewer values than its row group");
        }
        int n = page.getValueCount();
        ensure(n);
        page.accept(new DataPage.Visitor<Void>() {
            @Override
            public Void visit(DataPageV1 p) {
                try {
                    // A decompressed page is an array already (see PageCodecs): it is read where it is.
                    PageCodecs.Bytes page = PageCodecs.Bytes.of(p.getBytes().toByteBuffer());
                    byte[] bytes = page.array();
                    int offset = page.offset();
                    int end = offset + page.length();
                    int defined = n;
                    if (maxDefinition > 0) {
                        if (p.getDlEncoding() != Encoding.RLE) {
                            throw new IllegalStateException("definition levels in " + p.getDlEncoding());
                        }
                        int length = ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                        defined = definitions(bytes, offset + 4, n);
                        offset += 4 + length;
                    }
                    values(p.getValueEncoding(), bytes, offset, end, defined, n);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Void visit(DataPageV2 p) {
                try {
                    int defined = n;
                    if (maxDefinition > 0) {
                        defined = definitions(p.getDefinitionLevels().toByteArray(), 0, n);
                    }
                    byte[] data = p.getData().toByteArray();
                    values(p.getDataEncoding(), data, 0, data.length, defined, n);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        count = n;
        pos = 0;
    }

    private void ensure(int n) {
        if (nulls.length < n) {
            nulls = new boolean[n];
            ints = new int[n + 8];
            rowIds = new int[n + 8];
            switch (physical) {
                case INT32, INT64, BOOLEAN -> longs = new long[n];
                case DOUBLE, FLOAT -> doubles = new double[n];
                default -> binaries = new Binary[n];
            }
        }
    }

    /** Decodes the page's definition levels into {@link #nulls}; answers how many values are defined. */
    private int definitions(byte[] bytes, int offset, int n) {
        hybrid(bytes, offset, BytesUtils.getWidthFromMaxInt(maxDefinition), ints, n);
        int defined = 0;
        anyNull = false;
        for (int i = 0; i < n; i++) {
            boolean isNull = ints[i] != maxDefinition;
            nulls[i] = isNull;
            anyNull |= isNull;
            defined += isNull ? 0 : 1;
        }
        return defined;
    }

    /** Decodes {@code defined} values and spreads them over the {@code n} rows of the page (NULLs skipped). */
    private void values(Encoding encoding, byte[] bytes, int offset, int end, int defined, int n) throws IOException {
        if (maxDefinition == 0) {
            anyNull = false;
        }
        pageIds = false;
        if (encoding.usesDictionary()) {
            int bitWidth = bytes[offset] & 0xff;
            hybrid(bytes, offset + 1, bitWidth, rowIds, defined);
            if (dictionarySize() == 0) {
                if (defined > 0) {
                    throw new IllegalStateException("Parquet column " + column + " has ids into an empty dictionary");
                }
                return; // every row is NULL: there is nothing to look up
            }
            pageIds = true;
        } else if (encoding == Encoding.PLAIN) {
            plain(bytes, offset, defined);
        } else {
            ValuesReader reader = encoding.getValuesReader(column, ValuesType.VALUES);
            reader.initFromPage(defined, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes, offset, end - offset)));
            for (int j = 0; j < defined; j++) {
                switch (physical) {
                    case INT32 -> longs[j] = reader.readInteger();
                    case INT64 -> longs[j] = reader.readLong();
                    case BOOLEAN -> longs[j] = reader.readBoolean() ? 1 : 0;
                    case DOUBLE -> doubles[j] = reader.readDouble();
                    case FLOAT -> doubles[j] = reader.readFloat();
                    default -> binaries[j] = reader.readBytes();
                }
            }
        }
        if (defined < n) {
            spread(defined, n);
        }
    }

    private void plain(byte[] bytes, int offset, int defined) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (physical) {
            case INT32 -> {
                for (int j = 0; j < defined; j++) {
                    longs[j] = b.getInt(offset + 4 * j);
                }
            }
            case INT64 -> {
                for (int j = 0; j < defined; j++) {
                    longs[j] = b.getLong(offset + 8 * j);
                }
            }
            case DOUBLE -> {
                for (int j = 0; j < defined; j++) {
                    doubles[j] = b.getDouble(offset + 8 * j);
                }
            }
            case FLOAT -> {
                for (int j = 0; j < defined; j++) {
                    doubles[j] = b.getFloat(offset + 4 * j);
                }
            }
            case BOOLEAN -> {
                for (int j = 0; j < defined; j++) {
                    longs[j] = (bytes[offset + (j >>> 3)] >>> (j & 7)) & 1;
                }
            }
            case BINARY -> {
                int p = offset;
                for (int j = 0; j < defined; j++) {
                    int length = b.getInt(p);
                    binaries[j] = Binary.fromConstantByteArray(bytes, p + 4, length);
                    p += 4 + length;
                }
            }
            default -> {
                int width = column.getPrimitiveType().getTypeLength();
                for (int j = 0; j < defined; j++) {
                    binaries[j] = Binary.fromConstantByteArray(bytes, offset + j * width, width);
                }
            }
        }
    }

    /**
     * Moves the {@code defined} dense values (or dictionary ids) to their rows, from the back so nothing is
     * overwritten; a NULL row gets id 0, so that looking it up stays inside the dictionary.
     */
    private void spread(int defined, int n) {
        int j = defined - 1;
        for (int i = n - 1; i >= 0; i--) {
            if (nulls[i]) {
                if (pageIds) {
                    rowIds[i] = 0;
                }
                continue;
            }
            if (pageIds) {
                rowIds[i] = rowIds[j];
            } else {
                switch (physical) {
                    case INT32, INT64, BOOLEAN -> longs[i] = longs[j];
                    case DOUBLE, FLOAT -> doubles[i] = doubles[j];
                    default -> binaries[i] = binaries[j];
                }
            }
            j--;
        }
    }

    private int dictionarySize() {
        return dictLongs != null ? dictLongs.length : dictDoubles != null ? dictDoubles.length
                : dictBinaries != null ? dictBinaries.length : 0;
    }

    /**
     * Parquet's RLE / bit-packing hybrid: {@code n} values of {@code bitWidth} bits from {@code bytes} at
     * {@code pos} into {@code out} (which has room for 8 more, as a bit-packed group may end with padding).
     */
    static void hybrid(byte[] bytes, int pos, int bitWidth, int[] out, int n) {
        int byteWidth = (bitWidth + 7) / 8;
        BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
        int filled = 0;
        while (filled < n) {
            int header = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[pos++];
                header |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int k = 0; k < byteWidth; k++) {
                    value |= (bytes[pos++] & 0xff) << (8 * k);
                }
                int m = Math.min(run, n - filled);
                Arrays.fill(out, filled, filled + m, value);
                filled += m;
            } else {
                int groups = header >>> 1;
                for (int g = 0; g < groups && filled < n; g++) {
                    packer.unpack8Values(bytes, pos, out, filled);
                    pos += bitWidth;
                    filled += 8;
                }
                filled = Math.min(filled, n);
            }
        }
    }
}
