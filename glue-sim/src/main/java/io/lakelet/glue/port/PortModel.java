package io.lakelet.glue.port;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Database;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.SerDe;
import io.lakelet.core.ports.Catalog.Storage;
import io.lakelet.core.ports.Catalog.Table;
import java.util.List;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** Converts between the port's plain records and the Glue SDK model the catalog stores. */
final class PortModel {
    private PortModel() {
    }

    static Database database(software.amazon.awssdk.services.glue.model.Database d) {
        return new Database(d.name(), d.description(), d.locationUri(), d.parameters(), d.createTime());
    }

    static DatabaseInput databaseInput(Database d) {
        return DatabaseInput.builder().name(d.name()).description(d.description()).locationUri(d.locationUri())
                .parameters(d.parameters()).build();
    }

    static Table table(software.amazon.awssdk.services.glue.model.Table t) {
        return new Table(t.databaseName(), t.name(), t.description(), t.owner(), t.tableType(),
                storage(t.storageDescriptor()), columns(t.partitionKeys()), t.parameters(), t.viewOriginalText(),
                t.viewExpandedText(), t.createTime(), t.updateTime(), t.versionId());
    }

    static TableInput tableInput(Table t) {
        return TableInput.builder().name(t.name()).description(t.description()).owner(t.owner())
                .tableType(t.tableType()).storageDescriptor(storageDescriptor(t.storage()))
                .partitionKeys(sdkColumns(t.partitionKeys())).parameters(t.parameters())
                .viewOriginalText(t.viewOriginalText()).viewExpandedText(t.viewExpandedText()).build();
    }

    static Partition partition(software.amazon.awssdk.services.glue.model.Partition p) {
        return new Partition(p.databaseName(), p.tableName(), p.values(), storage(p.storageDescriptor()),
                p.parameters(), p.creationTime());
    }

    static PartitionInput partitionInput(Partition p) {
        return PartitionInput.builder().values(p.values()).storageDescriptor(storageDescriptor(p.storage()))
                .parameters(p.parameters()).build();
    }

    private static Storage storage(StorageDescriptor sd) {
        if (sd == null) {
            return null;
        }
        SerDeInfo s = sd.serdeInfo();
        return new Storage(columns(sd.columns()), sd.location(), sd.inputFormat(), sd.outputFormat(),
                s == null ? null : new SerDe(s.name(), s.serializationLibrary(), s.parameters()),
                Boolean.TRUE.equals(sd.compressed()), sd.parameters());
    }

    private static StorageDescriptor storageDescriptor(Storage s) {
        if (s == null) {
            return null;
        }
        StorageDescriptor.Builder b = StorageDescriptor.builder().columns(sdkColumns(s.columns()))
                .location(s.location()).inputFormat(s.inputFormat()).outputFormat(s.outputFormat())
                .compressed(s.compressed()).parameters(s.parameters());
        if (s.serde() != null) {
            b.serdeInfo(SerDeInfo.builder().name(s.serde().name())
                    .serializationLibrary(s.serde().serializationLibrary()).parameters(s.serde().parameters()).build());
        }
        return b.build();
    }

    private static List<Column> columns(List<software.amazon.awssdk.services.glue.model.Column> columns) {
        return columns.stream().map(c -> new Column(c.name(), c.type(), c.comment())).toList();
    }

    private static List<software.amazon.awssdk.services.glue.model.Column> sdkColumns(List<Column> columns) {
        return columns.stream().map(c -> software.amazon.awssdk.services.glue.model.Column.builder().name(c.name())
                .type(c.type()).comment(c.comment()).build()).toList();
    }
}
