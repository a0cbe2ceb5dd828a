package io.lakelet.glue.crawler;

import io.lakelet.glue.classifier.Column;
import io.lakelet.glue.classifier.FileSchema;
import java.util.List;

/**
 * A table as a crawl found it: where it is, how its files are read, its merged columns, its partition
 * keys and partitions, and the statistics Glue keeps in the table's parameters.
 */
public record TablePlan(String name, String location, FileSchema format, List<Column> columns,
                        List<String> partitionKeys, List<Partition> partitions, Stats stats) {

    /** Objects, records (estimated where sampled) and bytes. */
    public record Stats(long objects, long records, long bytes) {
        public Stats plus(Stats o) {
            return new Stats(objects + o.objects, records + o.records, bytes + o.bytes);
        }

        public static Stats of(CrawledFile f) {
            return new Stats(1, f.schema().records(), f.size());
        }

        public long averageRecordSize() {
            return records == 0 ? 0 : bytes / records;
        }
    }

    /** One partition: its values in key order, its folder, and its own schema and statistics. */
    public record Partition(List<String> values, String location, FileSchema format, List<Column> columns,
                            Stats stats) {
    }

    public TablePlan withName(String name) {
        return new TablePlan(name, location, format, columns, partitionKeys, partitions, stats);
    }
}
