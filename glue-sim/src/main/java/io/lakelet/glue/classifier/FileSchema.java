package io.lakelet.glue.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a classifier found in one file: its classification and columns, how Hive should read it (input
 * and output formats, SerDe and its parameters, table parameters such as the delimiter), and its size
 * and record count (estimated from the sampled bytes when only part of the file was read, as Glue does).
 */
public record FileSchema(String classification, List<Column> columns, String inputFormat, String outputFormat,
                         String serde, Map<String, String> serdeParameters, Map<String, String> parameters,
                         String compression, long size, long records) {

    public static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    /**
     * Files that may share a table: same classification, compression and SerDe, the same delimiter and
     * quote, and a header in all or none of them. (Parameters that list columns, such as the JSON SerDe's
     * {@code paths}, are left out: they follow the merged columns.)
     */
    public String formatKey() {
        return classification + "|" + compression + "|" + serde + "|" + serdeParameters.get("field.delim") + "|"
                + serdeParameters.get("separatorChar") + "|" + serdeParameters.get("quoteChar") + "|"
                + parameters.get("rowTag") + "|" + parameters.getOrDefault("skip.header.line.count", "0");
    }

    public FileSchema withSize(long size, long records, String compression) {
        return new FileSchema(classification, columns, inputFormat, outputFormat, serde, serdeParameters, parameters,
                compression, size, records);
    }

    /** Columns of both, in first-seen order, types widened where they differ. */
    public static List<Column> mergeColumns(List<Column> a, List<Column> b) {
        Map<String, HiveType> merged = new LinkedHashMap<>();
        for (Column c : a) {
            merged.put(c.name(), c.type());
        }
        for (Column c : b) {
            merged.merge(c.name(), c.type(), HiveType::merge);
        }
        List<Column> out = new ArrayList<>();
        merged.forEach((n, t) -> out.add(new Column(n, t)));
        return out;
    }
}
