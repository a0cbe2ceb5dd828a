package io.lakelet.bench.athena;

import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * TPC-H lineitem from Trino's generator, written once per scale factor into a cache folder as the
 * files the benchmark queries: Snappy Parquet split in {@code files} parts ({@code parquet/}), the same
 * rows as '|'-delimited text ({@code csv/}), and Parquet partitioned by ship mode
 * ({@code by_mode/l_shipmode=AIR/...}). Decimals are DECIMAL(12,2) in INT64 and dates DATE, as Trino's
 * TPC-H connector types them.
 */
final class TpchFiles {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message lineitem {
              required int64 l_orderkey;
              required int64 l_partkey;
              required int64 l_suppkey;
              required int32 l_linenumber;
              required int64 l_quantity (DECIMAL(12,2));
              required int64 l_extendedprice (DECIMAL(12,2));
              required int64 l_discount (DECIMAL(12,2));
              required int64 l_tax (DECIMAL(12,2));
              required binary l_returnflag (STRING);
              required binary l_linestatus (STRING);
              required int32 l_shipdate (DATE);
              required int32 l_commitdate (DATE);
              required int32 l_receiptdate (DATE);
              required binary l_shipinstruct (STRING);
              required binary l_shipmode (STRING);
              required binary l_comment (STRING);
            }""");
    static final MessageType SCHEMA_WITHOUT_MODE = MessageTypeParser.parseMessageType(
            SCHEMA.toString().replace("required binary l_shipmode (STRING);", ""));

    static final String COLUMNS = "l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, "
            + "l_quantity decimal(12,2), l_extendedprice decimal(12,2), l_discount decimal(12,2), "
            + "l_tax decimal(12,2), l_returnflag string, l_linestatus string, l_shipdate date, l_commitdate date, "
            + "l_receiptdate date, l_shipinstruct string, l_shipmode string, l_comment string";
    static final String COLUMNS_WITHOUT_MODE = COLUMNS.replace("l_shipmode string, ", "");

    private TpchFiles() {
    }

    /** The cache folder for a scale factor, generating it if it is not complete. */
    static Path ensure(Path root, double scaleFactor, int files) throws Exception {
        Path dir = root.resolve("tpch-sf" + scaleFactor + "-" + files);
        if (Files.exists(dir.resolve("DONE"))) {
            return dir;
        }
        io.lakelet.bench.BenchFiles.deleteTree(dir);
        Files.createDirectories(dir.resolve("parquet"));
        Files.createDirectories(dir.resolve("csv"));
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int part = 1; part <= files; part++) {
                int p = part;
                parts.add(pool.submit(() -> {
                    write(dir, scaleFactor, p, files);
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Files.writeString(dir.resolve("DONE"), "sf=" + scaleFactor + " files=" + files + "\n");
        return dir;
    }

    private static void write(Path dir, double scaleFactor, int part, int parts) throws IOException {
        String name = String.format("part-%03d", part);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        SimpleGroupFactory modeGroups = new SimpleGroupFactory(SCHEMA_WITHOUT_MODE);
        Map<String, ParquetWriter<Group>> byMode = new HashMap<>();
        try (ParquetWriter<Group> parquet = writer(dir.resolve("parquet").resolve(name + ".parquet"), SCHEMA);
             BufferedWriter csv = Files.newBufferedWriter(dir.resolve("csv").resolve(name + ".tbl"), StandardCharsets.UTF_8)) {
            for (LineItem li : new LineItemGenerator(scaleFactor, part, parts)) {
                parquet.write(fill(groups.newGroup(), li, true));
                csv.write(li.toLine());
                csv.write('\n');
                ParquetWriter<Group> w = byMode.get(li.getShipMode());
                if (w == null) {
                    Path folder = dir.resolve("by_mode").resolve("l_shipmode=" + li.getShipMode());
                    Files.createDirectories(folder);
                    w = writer(folder.resolve(name + ".parquet"), SCHEMA_WITHOUT_MODE);
                    byMode.put(li.getShipMode(), w);
                }
                w.write(fill(modeGroups.newGroup(), li, false));
            }
        } finally {
            for (ParquetWriter<Group> w : byMode.values()) {
                w.close();
            }
        }
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file)).withConf(new PlainParquetConfiguration())
                .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
    }

    private static Group fill(Group g, LineItem li, boolean withMode) {
        g.append("l_orderkey", li.getOrderKey()).append("l_partkey", li.getPartKey())
                .append("l_suppkey", li.getSupplierKey()).append("l_linenumber", li.getLineNumber())
                .append("l_quantity", li.getQuantity() * 100).append("l_extendedprice", li.getExtendedPriceInCents())
                .append("l_discount", li.getDiscountPercent()).append("l_tax", li.getTaxPercent())
                .append("l_returnflag", li.getReturnFlag()).append("l_linestatus", li.getStatus())
                .append("l_shipdate", li.getShipDate()).append("l_commitdate", li.getCommitDate())
                .append("l_receiptdate", li.getReceiptDate()).append("l_shipinstruct", li.getShipInstructions());
        if (withMode) {
            g.append("l_shipmode", li.getShipMode());
        }
        return g.append("l_comment", li.getComment());
    }
}
