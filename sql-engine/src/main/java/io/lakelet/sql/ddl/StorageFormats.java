package io.lakelet.sql.ddl;

import io.lakelet.sql.ddl.DdlStatement.RowFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The input format, output format and SerDe class names Hive (and so Athena) writes to the catalog for
 * each {@code STORED AS} keyword and {@code ROW FORMAT}, and for each CTAS {@code format}.
 */
final class StorageFormats {
    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String JSON_SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";

    /** A file format: its input and output format classes and its SerDe (null: none of its own). */
    record Format(String inputFormat, String outputFormat, String serde) {
    }

    private static final Map<String, Format> STORED_AS = Map.of(
            "TEXTFILE", new Format(TEXT_INPUT, TEXT_OUTPUT, null),
            "PARQUET", new Format("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", PARQUET_SERDE),
            "ORC", new Format("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                    "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
            "AVRO", new Format("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                    "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                    "org.apache.hadoop.hive.serde2.avro.AvroSerDe"),
            "JSONFILE", new Format(TEXT_INPUT, TEXT_OUTPUT, "org.apache.hadoop.hive.serde2.JsonSerDe"),
            "SEQUENCEFILE", new Format("org.apache.hadoop.mapred.SequenceFileInputFormat",
                    "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat", null),
            "RCFILE", new Format("org.apache.hadoop.hive.ql.io.RCFileInputFormat",
                    "org.apache.hadoop.hive.ql.io.RCFileOutputFormat",
                    "org.apache.hadoop.hive.serde2.columnar.LazyBinaryColumnarSerDe"),
            "ION", new Format("com.amazon.ionhiveserde.formats.IonInputFormat",
                    "com.amazon.ionhiveserde.formats.IonOutputFormat", "com.amazon.ionhiveserde.IonHiveSerDe"));

    /** CTAS {@code format} values and the STORED AS format each one means. */
    private static final Map<String, String> CTAS_FORMATS = Map.of(
            "PARQUET", "PARQUET", "TEXTFILE", "TEXTFILE", "JSON", "JSON", "ORC", "ORC", "AVRO", "AVRO", "ION", "ION");

    private StorageFormats() {
    }

    /** The format of {@code STORED AS name}, or null for a name Hive does not know. */
    static Format storedAs(String name) {
        return STORED_AS.get(name.toUpperCase(Locale.ROOT));
    }

    /** The storage of a CTAS {@code format} ({@code JSON} writes text files through the HCatalog JSON SerDe). */
    static Format ctas(String format) {
        String f = format.toUpperCase(Locale.ROOT);
        if (f.equals("JSON")) {
            return new Format(TEXT_INPUT, TEXT_OUTPUT, JSON_SERDE);
        }
        return CTAS_FORMATS.containsKey(f) ? STORED_AS.get(f) : null;
    }

    /**
     * The SerDe library and parameters of a new table: the ROW FORMAT's, else the format's own SerDe, else
     * LazySimpleSerDe. Hive starts every table's SerDe parameters with {@code serialization.format=1}, which
     * FIELDS TERMINATED BY replaces with the delimiter.
     */
    static RowFormat serde(RowFormat rowFormat, Format format) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("serialization.format", "1");
        String library = format != null && format.serde() != null ? format.serde() : LAZY_SIMPLE_SERDE;
        if (rowFormat != null) {
            if (rowFormat.serde() != null) {
                library = rowFormat.serde();
            }
            parameters.putAll(rowFormat.parameters());
        }
        return new RowFormat(library, parameters);
    }

    /**
     * LazySimpleSerDe's field delimiter: {@code field.delim}, else {@code serialization.format}, where a
     * number is a byte value (Hive's LazyUtils.getByte: {@code serialization.format=1} means 0x01).
     */
    static String fieldDelimiter(Map<String, String> serdeParameters) {
        String value = serdeParameters.getOrDefault("field.delim", serdeParameters.get("serialization.format"));
        if (value == null || value.isEmpty()) {
            return "\u0001";
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return String.valueOf((char) Integer.parseInt(value));
        }
        return value.substring(0, 1);
    }

    /** The {@code STORED AS} keyword that gives these formats, or null (for SHOW CREATE TABLE). */
    static String keywordOf(String inputFormat, String outputFormat, String serde) {
        for (var e : STORED_AS.entrySet()) {
            Format f = e.getValue();
            if (f.inputFormat().equals(inputFormat) && f.outputFormat().equals(outputFormat)
                    && (f.serde() == null ? LAZY_SIMPLE_SERDE.equals(serde) : f.serde().equals(serde))
                    && !e.getKey().equals("JSONFILE")) {
                return e.getKey();
            }
        }
        return null;
    }
}
