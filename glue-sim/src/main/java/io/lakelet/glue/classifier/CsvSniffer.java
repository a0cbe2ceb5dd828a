package io.lakelet.glue.classifier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.CsvClassifier;

/**
 * Glue's built-in CSV classifier, and custom CSV classifiers. Built in, it tries the delimiters Glue
 * tries (comma, pipe, tab, semicolon, Ctrl-A) and takes the first that splits every sampled row into the
 * same number (at least two) of columns over at least two rows. The first row is a header when every
 * value in it is a string that may name a column, the names are distinct, and at least one column of
 * the later rows is not a string (Glue's rule: the header must differ from the data); otherwise the
 * columns are {@code col0, col1, ...}. Types are bigint, double, boolean or string.
 */
public final class CsvSniffer {
    private static final char[] DELIMITERS = {',', '|', '\t', ';', '\u0001'};
    private static final Pattern COLUMN_NAME = Pattern.compile("[^\\p{Cntrl}]{1,255}");
    static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";

    private CsvSniffer() {
    }

    /** Rows of a delimited text and whether any field was quoted. */
    record Parsed(List<List<String>> rows, boolean quoted) {
    }

    /** The built-in classifier: a schema, or null when the text is not delimited. */
    public static FileSchema builtIn(String text, boolean complete) {
        for (char d : DELIMITERS) {
            Parsed p = parse(text, d, '"', complete);
            if (consistent(p.rows(), false)) {
                return schema(p, d, '"', null, null, false, complete, text.length());
            }
        }
        return null;
    }

    /** A custom CSV classifier: a schema when the text splits consistently with its delimiter, else null. */
    public static FileSchema custom(CsvClassifier c, String text, boolean complete) {
        char d = c.delimiter() == null || c.delimiter().isEmpty() ? ',' : c.delimiter().charAt(0);
        char q = c.quoteSymbol() == null || c.quoteSymbol().isEmpty() ? '"' : c.quoteSymbol().charAt(0);
        Parsed p = parse(text, d, q, complete);
        boolean single = Boolean.TRUE.equals(c.allowSingleColumn());
        if (!consistent(p.rows(), single)) {
            return null;
        }
        if (Boolean.TRUE.equals(c.disableValueTrimming())) {
            return schema(p, d, q, c.containsHeaderAsString(), c.hasHeader() ? c.header() : null,
                    "OpenCSVSerDe".equals(c.serdeAsString()), complete, text.length());
        }
        List<List<String>> trimmed = new ArrayList<>();
        for (List<String> row : p.rows()) {
            trimmed.add(row.stream().map(String::trim).toList());
        }
        return schema(new Parsed(trimmed, p.quoted()), d, q, c.containsHeaderAsString(),
                c.hasHeader() ? c.header() : null, "OpenCSVSerDe".equals(c.serdeAsString()), complete, text.length());
    }

    private static boolean consistent(List<List<String>> rows, boolean allowSingle) {
        if (rows.size() < 2) {
            return false;
        }
        int n = rows.get(0).size();
        if (n < (allowSingle ? 1 : 2)) {
            return false;
        }
        for (List<String> r : rows) {
            if (r.size() != n) {
                return false;
            }
        }
        return true;
    }

    private static FileSchema schema(Parsed p, char delim, char quote, String headerOption, List<String> header,
                                     boolean openCsv, boolean complete, int sampledChars) {
        List<List<String>> rows = p.rows();
        List<String> first = rows.get(0);
        int n = first.size();
        HiveType[] types = new HiveType[n];
        java.util.Arrays.fill(types, HiveType.NULL);
        for (int r = 1; r < rows.size(); r++) {
            for (int i = 0; i < n; i++) {
                types[i] = HiveType.merge(types[i], HiveType.ofText(rows.get(r).get(i)));
            }
        }
        boolean hasHeader;
        if ("PRESENT".equals(headerOption)) {
            hasHeader = true;
        } else if ("ABSENT".equals(headerOption)) {
            hasHeader = false;
        } else {
            hasHeader = looksLikeHeader(first, types);
        }
        if (!hasHeader) {
            for (int i = 0; i < n; i++) {
                types[i] = HiveType.merge(types[i], HiveType.ofText(first.get(i)));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name;
            if (header != null && i < header.size()) {
                name = header.get(i);
            } else if (hasHeader) {
                name = first.get(i).trim();
            } else {
                name = "col" + i;
            }
            HiveType t = openCsv ? HiveType.STRING : types[i];
            columns.add(new Column(name.toLowerCase(Locale.ROOT), t.equals(HiveType.NULL) ? HiveType.STRING : t));
        }
        Map<String, String> serdeParams = new LinkedHashMap<>();
        String serde;
        if (openCsv) {
            serde = OPEN_CSV;
            serdeParams.put("separatorChar", String.valueOf(delim));
            serdeParams.put("quoteChar", String.valueOf(quote));
        } else {
            serde = LAZY_SIMPLE;
            serdeParams.put("field.delim", String.valueOf(delim));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("delimiter", String.valueOf(delim));
        params.put("areColumnsQuoted", String.valueOf(p.quoted()));
        params.put("columnsOrdered", "true");
        if (hasHeader) {
            params.put("skip.header.line.count", "1");
        }
        long records = rows.size() - (hasHeader ? 1 : 0);
        return new FileSchema("csv", columns, FileSchema.TEXT_INPUT, FileSchema.TEXT_OUTPUT, serde, serdeParams,
                params, "none", sampledChars, records);
    }

    /** Glue's header rule: all strings that may name columns, distinct, and the data is not all strings. */
    private static boolean looksLikeHeader(List<String> first, HiveType[] dataTypes) {
        Set<String> seen = new HashSet<>();
        for (String v : first) {
            String name = v.trim();
            if (!HiveType.ofText(name).equals(HiveType.STRING) || !COLUMN_NAME.matcher(name).matches()
                    || !seen.add(name.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        for (HiveType t : dataTypes) {
            if (!t.equals(HiveType.STRING) && !t.equals(HiveType.NULL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits delimited text into rows of fields. Quoted fields may hold delimiters, doubled quotes and line
     * breaks. When the text is a sample cut from a larger file, the last (possibly partial) row is dropped.
     */
    static Parsed parse(String text, char delim, char quote, boolean complete) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        int len = text.length();
        while (i < len) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == quote) {
                    if (i + 1 < len && text.charAt(i + 1) == quote) {
                        field.append(quote);
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == quote && field.length() == 0 && !fieldStarted) {
                inQuotes = true;
                quoted = true;
                fieldStarted = true;
            } else if (c == delim) {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (complete && (field.length() > 0 || !row.isEmpty())) {
            row.add(field.toString());
            rows.add(row);
        }
        return new Parsed(rows, quoted);
    }
}
