package io.lakelet.sql.ddl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import io.lakelet.formats.parquet.ObjectStoreOutputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Data files written the way Athena's CTAS and INSERT INTO write them: Parquet (through parquet-java,
 * straight into the object store), delimited text (LazySimpleSerDe: {@code \001} between fields,
 * {@code \002} between collection items, {@code \003} between map keys and values, {@code \N} for null)
 * and JSON lines, text files optionally GZIP- or ZSTD-compressed. Each file becomes visible whole when
 * closed.
 */
final class DataFiles {
    enum Format { PARQUET, TEXTFILE, JSON }

    /** An open data file. */
    interface Sink extends AutoCloseable {
        void write(Object[] row);

        @Override
        void close();
    }

    private DataFiles() {
    }

    /** The file extension Athena gives a file of this format and compression. */
    static String extension(Format format, String compression) {
        if (format == Format.PARQUET) {
            return "";
        }
        return switch (compression) {
            case "GZIP" -> ".gz";
            case "ZSTD" -> ".zst";
            default -> "";
        };
    }

    static Sink open(ObjectStore store, String account, S3Location file, Format format, String compression,
                     List<Column> columns, String fieldDelimiter) {
        return switch (format) {
            case PARQUET -> parquet(store, account, file, compression, columns);
            case TEXTFILE -> new TextSink(store, account, file, compression, columns, fieldDelimiter, false);
            case JSON -> new TextSink(store, account, file, compression, columns, fieldDelimiter, true);
        };
    }

    private static Sink parquet(ObjectStore store, String account, S3Location file, String compression,
                                List<Column> columns) {
        MessageType schema = ParquetRows.schema(columns);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        ParquetWriter<Group> writer;
        try {
            writer = ExampleParquetWriter.builder(new ObjectStoreOutputFile(store, account, file.bucket(), file.key()))
                    .withConf(new PlainParquetConfiguration()).withType(schema)
                    .withCompressionCodec(compression.equals("NONE") ? CompressionCodecName.UNCOMPRESSED
                            : CompressionCodecName.valueOf(compression))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sink() {
            @Override
            public void write(Object[] row) {
                Group group = groups.newGroup();
                for (int i = 0; i < columns.size(); i++) {
                    ParquetRows.add(group, columns.get(i).name(), columns.get(i).type(), row[i]);
                }
                try {
                    writer.write(group);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Text and JSON lines, spooled to a temporary file and put in one write on close. */
    private static final class TextSink implements Sink {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final ObjectStore store;
        private final String account;
        private final S3Location file;
        private final List<Column> columns;
        private final String delimiter;
        private final boolean json;
        private final Path spool;
        private final OutputStream out;

        TextSink(ObjectStore store, String account, S3Location file, String compression, List<Column> columns,
                 String delimiter, boolean json) {
            this.store = store;
            this.account = account;
            this.file = file;
            this.columns = columns;
            this.delimiter = delimiter == null ? "\u0001" : delimiter;
            this.json = json;
            try {
                spool = Files.createTempFile("lakelet-text-", ".spool");
                OutputStream raw = Files.newOutputStream(spool);
                out = switch (compression) {
                    case "GZIP" -> new GZIPOutputStream(raw, 64 * 1024);
                    case "ZSTD" -> new com.github.luben.zstd.ZstdOutputStream(raw);
                    default -> new java.io.BufferedOutputStream(raw, 64 * 1024);
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(Object[] row) {
            String line = json ? json(row) : delimited(row);
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String delimited(Object[] row) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                line.append(text(row[i], 2));
            }
            return line.toString();
        }

        /** A value in LazySimpleSerDe's text: nested separators \002, \003... by depth. */
        private static String text(Object value, int level) {
            if (value == null) {
                return "\\N";
            }
            if (value instanceof List<?> list) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append((char) level);
                    }
                    out.append(text(list.get(i), level + 1));
                }
                return out.toString();
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder out = new StringBuilder();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!out.isEmpty()) {
                        out.append((char) level);
                    }
                    out.append(text(e.getKey(), level + 2)).append((char) (level + 1))
                            .append(text(e.getValue(), level + 2));
                }
                return out.toString();
            }
            return Coercions.string(value);
        }

        private String json(Object[] row) {
            ObjectNode object = JSON.createObjectNode();
            for (int i = 0; i < row.length; i++) {
                object.set(columns.get(i).name(), node(row[i], columns.get(i).type()));
            }
            return object.toString();
        }

        private static com.fasterxml.jackson.databind.JsonNode node(Object value, String hive) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            String h = hive.toLowerCase(Locale.ROOT);
            if (value == null) {
                return f.nullNode();
            }
            if (h.startsWith("struct<") && value instanceof List<?> values) {
                ObjectNode o = f.objectNode();
                List<String> fields = HiveTypes.splitTopLevel(h.substring(7, h.length() - 1));
                for (int i = 0; i < fields.size(); i++) {
                    String field = fields.get(i);
                    int colon = field.indexOf(':');
                    o.set(field.substring(0, colon), node(values.get(i), field.substring(colon + 1)));
                }
                return o;
            }
            if (value instanceof List<?> list) {
                ArrayNode a = f.arrayNode();
                String element = h.startsWith("array<") ? h.substring(6, h.length() - 1) : "string";
                list.forEach(item -> a.add(node(item, element)));
                return a;
            }
            if (value instanceof Map<?, ?> map) {
                ObjectNode o = f.objectNode();
                String valueType = h.startsWith("map<")
                        ? HiveTypes.splitTopLevel(h.substring(4, h.length() - 1)).get(1) : "string";
                map.forEach((k, v) -> o.set(Coercions.string(k), node(v, valueType)));
                return o;
            }
            if (value instanceof Boolean b) {
                return f.booleanNode(b);
            }
            if (value instanceof BigDecimal d) {
                return f.numberNode(d);
            }
            if (value instanceof Double || value instanceof Float) {
                return f.numberNode(((Number) value).doubleValue());
            }
            if (value instanceof Number n) {
                return f.numberNode(n.longValue());
            }
            if (value instanceof LocalDate d) {
                return f.textNode(d.toString());
            }
            if (value instanceof LocalDateTime t) {
                return f.textNode(Coercions.TIMESTAMP.format(t));
            }
            return f.textNode(Coercions.string(value));
        }

        @Override
        public void close() {
            try {
                out.close();
                try (InputStream in = Files.newInputStream(spool)) {
                    store.put(account, file.bucket(), file.key(), in, Files.size(spool), "application/octet-stream",
                            Map.of());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
