package io.lakelet.athena.query;

import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import io.lakelet.formats.SpooledObject;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.RowCursor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Result files as Athena writes them: for queries, {@code <id>.csv} with a header line and every value
 * double-quoted ({@code ""} inside), SQL NULL as an empty unquoted field; for DDL and utility statements,
 * {@code <id>.txt} with one line per row and values separated by tabs. Files are spooled to a temporary
 * file and put in one atomic write. GetQueryResults reads them back page by page from a byte offset, so
 * results survive restarts and a large result is never held in memory.
 */
public final class ResultFiles {
    private static final byte QUOTE = '"';

    private ResultFiles() {
    }

    /** What writing a result produced. */
    public record Written(long rows, long bytes) {
    }

    /**
     * Writes every row of {@code rows} to {@code location}; {@code afterRow} runs after each row (the
     * scan cutoff check) and {@code cancellation} is checked between rows.
     */
    public static Written write(ObjectStore store, String account, S3Location location, RowCursor rows, boolean csv,
                                Cancellation cancellation, Runnable afterRow) {
        long count = 0;
        SpooledObject out = null;
        try {
            out = new SpooledObject(store, account, location.bucket(), location.key(), csv ? "text/csv" : "text/plain");
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            int n = rows.columns().size();
            if (csv && n > 0) {
                for (int i = 0; i < n; i++) {
                    field(buffered, rows.columns().get(i).name(), i == 0, true);
                }
                buffered.write('\n');
            }
            while (rows.next()) {
                cancellation.check();
                for (int i = 0; i < n; i++) {
                    field(buffered, rows.text(i), i == 0, csv);
                }
                buffered.write('\n');
                count++;
                afterRow.run();
            }
            buffered.flush();
            long bytes = out.size();
            out.close();
            return new Written(count, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (out != null) {
                out.abort();
            }
        }
    }

    private static void field(OutputStream out, String value, boolean first, boolean csv) throws IOException {
        if (!first) {
            out.write(csv ? ',' : '\t');
        }
        if (value == null) {
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (!csv) {
            out.write(bytes);
            return;
        }
        out.write(QUOTE);
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == QUOTE) {
                out.write(bytes, from, i - from + 1);
                out.write(QUOTE);
                from = i + 1;
            }
        }
        out.write(bytes, from, bytes.length - from);
        out.write(QUOTE);
    }

    /** A page of rows read back from a result file, and the byte offset of the next page (-1: the end). */
    public record Page(List<List<String>> rows, long nextOffset) {
    }

    /** Reads up to {@code max} rows of {@code columns} values each, starting at byte {@code offset}. */
    public static Page read(ObjectStore store, String account, S3Location location, long offset, int max, int columns,
                            boolean csv) {
        List<List<String>> rows = new ArrayList<>();
        long pos = offset;
        try (InputStream raw = store.read(account, location.bucket(), location.key(), offset, -1);
             BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024)) {
            while (rows.size() < max) {
                Record r = csv ? readCsv(in) : readText(in, columns);
                if (r == null) {
                    return new Page(rows, -1);
                }
                pos += r.bytes;
                rows.add(r.values);
            }
            in.mark(1);
            boolean more = in.read() >= 0;
            return new Page(rows, more ? pos : -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Record(List<String> values, long bytes) {
    }

    private static Record readCsv(InputStream in) throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        List<String> values = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        long bytes = 0;
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (c < 0) {
                values.add(quoted ? field.toString(StandardCharsets.UTF_8) : null);
                return new Record(values, bytes);
            }
            bytes++;
            if (inQuotes) {
                if (c == QUOTE) {
                    in.mark(1);
                    int next = in.read();
                    if (next == QUOTE) {
                        bytes++;
                        field.write(QUOTE);
                    } else {
                        inQuotes = false;
                        in.reset();
                    }
                } else {
                    field.write(c);
                }
            } else if (c == QUOTE) {
                quoted = true;
                inQuotes = true;
            } else if (c == ',' || c == '\n') {
                values.add(quoted ? field.toString(StandardCharsets.UTF_8) : (field.size() > 0
                        ? field.toString(StandardCharsets.UTF_8) : null));
                field.reset();
                quoted = false;
                if (c == '\n') {
                    return new Record(values, bytes);
                }
            } else {
                field.write(c);
            }
            c = in.read();
        }
    }

    private static Record readText(InputStream in, int columns) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        long bytes = 0;
        while (c >= 0 && c != '\n') {
            line.write(c);
            bytes++;
            c = in.read();
        }
        if (c == '\n') {
            bytes++;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>();
        if (columns <= 1) {
            values.add(text);
        } else {
            for (String v : text.split("\t", columns)) {
                values.add(v);
            }
            while (values.size() < columns) {
                values.add(null);
            }
        }
        return new Record(values, bytes);
    }
}
