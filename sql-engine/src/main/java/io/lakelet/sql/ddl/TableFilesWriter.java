package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.RowCursor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a query's rows as the data files of a table: one file per partition (or one file), at the
 * partition's existing location or at {@code <table location>/k=v/...}, with at most 100 partitions as
 * Athena allows; remembers the partitions and files it wrote.
 */
final class TableFilesWriter {
    static final int MAX_OPEN_WRITERS = 100;
    static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private final CatalogAccess access;
    private final ObjectStore store;
    private final Table table;
    private final boolean registered;
    private final DataFiles.Format format;
    private final String compression;
    private final String delimiter;
    private final Cancellation cancellation;
    private final Map<List<String>, DataFiles.Sink> sinks = new LinkedHashMap<>();
    private final Map<List<String>, String> locations = new LinkedHashMap<>();
    private final List<S3Location> files = new ArrayList<>();

    /** {@code registered}: the table is in the catalog already (INSERT), so its partitions may be too. */
    TableFilesWriter(CatalogAccess access, ObjectStore store, Table table, boolean registered,
                     DataFiles.Format format, String compression, String delimiter, Cancellation cancellation) {
        this.access = access;
        this.store = store;
        this.table = table;
        this.registered = registered;
        this.format = format;
        this.compression = compression;
        this.delimiter = delimiter;
        this.cancellation = cancellation;
    }

    /** Writes every row; {@code sourceOf[i]} is the query column for table column i (-1: null). */
    long writeAll(RowCursor rows, int[] sourceOf) {
        int dataColumns = table.storage().columns().size();
        int keys = table.partitionKeys().size();
        long count = 0;
        try {
            while (rows.next()) {
                if ((count & 1023) == 0) {
                    cancellation.check();
                }
                Object[] data = new Object[dataColumns];
                for (int i = 0; i < dataColumns; i++) {
                    data[i] = sourceOf[i] < 0 ? null : rows.get(sourceOf[i]);
                }
                List<String> values = new ArrayList<>(keys);
                for (int k = 0; k < keys; k++) {
                    int source = sourceOf[dataColumns + k];
                    Object v = source < 0 ? null : rows.get(source);
                    values.add(v == null ? DEFAULT_PARTITION : Coercions.string(v));
                }
                sink(values).write(data);
                count++;
            }
            closeAll();
        } catch (RuntimeException e) {
            // As Athena: the files written so far stay behind (it never deletes data in your account).
            closeQuietly();
            throw e;
        }
        return count;
    }

    private DataFiles.Sink sink(List<String> values) {
        DataFiles.Sink sink = sinks.get(values);
        if (sink != null) {
            return sink;
        }
        if (sinks.size() >= MAX_OPEN_WRITERS) {
            throw DdlErrors.trino("HIVE_TOO_MANY_OPEN_PARTITIONS", "Exceeded limit of " + MAX_OPEN_WRITERS
                    + " open writers for partitions/buckets");
        }
        String folder = CatalogAccess.folder(table.storage().location());
        if (!values.isEmpty()) {
            String existing = !registered ? null : access.catalog.getPartition(access.account(), access.region(),
                    table.database(), table.name(), values).map(p -> p.storage().location()).orElse(null);
            folder = existing != null ? CatalogAccess.folder(existing)
                    : folder + CatalogAccess.partitionName(table.partitionKeys(), values) + "/";
            locations.put(values, folder);
        }
        String queryId = access.session.queryId() != null ? access.session.queryId() : UUID.randomUUID().toString();
        S3Location file = S3Location.parse(folder).resolve(queryId + "_" + UUID.randomUUID()
                + DataFiles.extension(format, compression));
        files.add(file);
        sink = DataFiles.open(store, access.account(), file, format, compression, table.storage().columns(),
                delimiter);
        sinks.put(values, sink);
        return sink;
    }

    private void closeAll() {
        for (DataFiles.Sink sink : sinks.values()) {
            sink.close();
        }
    }

    private void closeQuietly() {
        for (DataFiles.Sink sink : sinks.values()) {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // the statement has failed already; this file is as complete as it got
            }
        }
    }

    /** Adds the partitions this write created that the catalog does not have yet. */
    void registerPartitions(Set<List<String>> existing) {
        List<Partition> added = new ArrayList<>();
        locations.forEach((values, folder) -> {
            if (!existing.contains(values)) {
                added.add(CatalogStatements.partition(table, values, folder, access.ddlTime()));
            }
        });
        if (!added.isEmpty()) {
            access.catalog.createPartitions(access.account(), access.region(), table.database(), table.name(),
                    added, true);
        }
    }

    /** The files written, as {@code s3://} URIs. */
    List<String> files() {
        return files.stream().map(S3Location::toString).toList();
    }

    /**
     * Athena's data manifest: the files the statement wrote, one URI a line, at
     * {@code <result location><queryId>-manifest.csv}, when the statement has a result location.
     */
    void writeManifest() {
        if (access.session.outputLocation() == null || access.session.queryId() == null) {
            return;
        }
        S3Location manifest = S3Location.parse(CatalogAccess.folder(access.session.outputLocation()))
                .resolve(access.session.queryId() + "-manifest.csv");
        StringBuilder text = new StringBuilder();
        files().forEach(f -> text.append(f).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        store.put(access.account(), manifest.bucket(), manifest.key(), new ByteArrayInputStream(bytes), bytes.length,
                "text/csv", Map.of());
    }
}
