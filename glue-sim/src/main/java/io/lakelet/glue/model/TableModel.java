package io.lakelet.glue.model;

import io.lakelet.glue.catalog.Names;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** Builds the stored Table and Partition from what a caller sent, filling in what Glue fills in. */
public final class TableModel {
    private TableModel() {
    }

    /** A new table (or a new version of one) from its input; {@code created} is kept across versions. */
    public static Table table(String catalogId, String database, TableInput in, Instant created, Instant now,
                              String versionId) {
        return Table.builder()
                .name(Names.fold(in.name()))
                .databaseName(database)
                .description(in.description())
                .owner(in.owner())
                .createTime(created)
                .updateTime(now)
                .lastAccessTime(in.lastAccessTime())
                .lastAnalyzedTime(in.lastAnalyzedTime())
                .retention(in.retention() == null ? 0 : in.retention())
                .storageDescriptor(in.storageDescriptor())
                .partitionKeys(in.hasPartitionKeys() ? in.partitionKeys() : List.of())
                .viewOriginalText(in.viewOriginalText())
                .viewExpandedText(in.viewExpandedText())
                .tableType(in.tableType())
                .parameters(in.hasParameters() ? in.parameters() : Map.of())
                .createdBy("arn:aws:iam::" + catalogId + ":root")
                .isRegisteredWithLakeFormation(false)
                .targetTable(in.targetTable())
                .catalogId(catalogId)
                .versionId(versionId)
                .build();
    }

    public static Partition partition(String catalogId, String database, String table, PartitionInput in,
                                      Instant created) {
        return Partition.builder()
                .values(in.values())
                .databaseName(database)
                .tableName(table)
                .creationTime(created)
                .lastAccessTime(in.lastAccessTime())
                .storageDescriptor(in.storageDescriptor())
                .parameters(in.hasParameters() ? in.parameters() : Map.of())
                .lastAnalyzedTime(in.lastAnalyzedTime())
                .catalogId(catalogId)
                .build();
    }

    /** The partition keys of a table, never null. */
    public static List<Column> partitionKeys(Table table) {
        return table.hasPartitionKeys() ? table.partitionKeys() : List.of();
    }

    /** The columns of a table's storage descriptor, never null. */
    public static List<Column> columns(Table table) {
        StorageDescriptor sd = table.storageDescriptor();
        return sd != null && sd.hasColumns() ? sd.columns() : List.of();
    }

    /** The table without column schemas (GetPartitions' ExcludeColumnSchema does this to partitions). */
    public static Partition withoutColumns(Partition p) {
        if (p.storageDescriptor() == null) {
            return p;
        }
        return p.toBuilder().storageDescriptor(p.storageDescriptor().toBuilder().columns((List<Column>) null).build())
                .build();
    }
}
