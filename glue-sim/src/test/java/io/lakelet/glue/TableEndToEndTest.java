package io.lakelet.glue;

import static io.lakelet.glue.GlueServer.column;
import static io.lakelet.glue.GlueServer.csvTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PropertyPredicate;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

/** Tables through the real Glue client: definitions, listing, versions, deletes and search. */
class TableEndToEndTest {
    private static GlueServer server;

    @BeforeAll
    static void start() {
        server = GlueServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("lake")));
    }

    @Test
    void aTableKeepsEveryPartOfItsDefinition() {
        // given
        TableInput input = csvTable("Events", List.of(column("year", "int"), column("month", "string")));
        // when
        server.glue.createTable(b -> b.databaseName("LAKE").tableInput(input));
        Table t = server.glue.getTable(b -> b.databaseName("lake").name("EVENTS")).table();
        // then
        assertThat(t.name()).isEqualTo("events");
        assertThat(t.databaseName()).isEqualTo("lake");
        assertThat(t.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(t.parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1");
        assertThat(t.partitionKeys()).extracting(c -> c.name() + ":" + c.type()).containsExactly("year:int", "month:string");
        assertThat(t.storageDescriptor().columns()).extracting(c -> c.name()).containsExactly("id", "name");
        assertThat(t.storageDescriptor().location()).isEqualTo("s3://lake/Events/");
        assertThat(t.storageDescriptor().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(t.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(t.storageDescriptor().serdeInfo().parameters()).containsEntry("field.delim", ",");
        assertThat(t.versionId()).isEqualTo("0");
        assertThat(t.catalogId()).isEqualTo("000000000000");
        assertThat(t.createTime()).isNotNull().isEqualTo(t.updateTime());
    }

    @Test
    void aViewKeepsItsText() {
        server.glue.createTable(b -> b.databaseName("lake").tableInput(t -> t.name("v").tableType("VIRTUAL_VIEW")
                .viewOriginalText("/* Presto View: abc */").viewExpandedText("/* Presto View */")));
        Table v = server.glue.getTable(b -> b.databaseName("lake").name("v")).table();
        assertThat(v.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(v.viewOriginalText()).isEqualTo("/* Presto View: abc */");
    }

    @Test
    void errorsNameTheMissingThingAndChangeNothing() {
        assertThatThrownBy(() -> server.glue.createTable(b -> b.databaseName("nodb").tableInput(csvTable("t", List.of()))))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Database nodb not found.");
        assertThatThrownBy(() -> server.glue.getTable(b -> b.databaseName("lake").name("missing")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Table missing not found.");
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("t", List.of())));
        assertThatThrownBy(() -> server.glue.createTable(b -> b.databaseName("lake")
                .tableInput(csvTable("T", List.of()).toBuilder().description("other").build())))
                .isInstanceOf(AlreadyExistsException.class).hasMessageStartingWith("Table already exists.");
        assertThatThrownBy(() -> server.glue.createTable(b -> b.databaseName("lake").tableInput(
                csvTable("p", List.of(column("k", "string").toBuilder().parameters(Map.of("a", "b")).build())))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Parameters not supported for partition columns");
        assertThat(server.glue.getTables(b -> b.databaseName("lake")).tableList()).extracting(Table::name)
                .containsExactly("t");
        assertThat(server.glue.getTable(b -> b.databaseName("lake").name("t")).table().description()).isNull();
    }

    @Test
    void getTablesFiltersByNamePatternAndPages() {
        // given
        for (String name : List.of("sales_2023", "sales_2024", "orders", "sales_eu", "Returns")) {
            server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable(name, List.of())));
        }
        // when / then
        assertThat(names(server.glue.getTables(b -> b.databaseName("lake").expression("sales_*"))))
                .containsExactly("sales_2023", "sales_2024", "sales_eu");
        assertThat(names(server.glue.getTables(b -> b.databaseName("lake").expression("sales_20.*|orders"))))
                .containsExactly("orders", "sales_2023", "sales_2024");
        assertThat(names(server.glue.getTables(b -> b.databaseName("lake").expression("RETURNS"))))
                .containsExactly("returns");
        GetTablesResponse first = server.glue.getTables(b -> b.databaseName("lake").maxResults(2));
        assertThat(names(first)).containsExactly("orders", "returns");
        GetTablesResponse second = server.glue.getTables(b -> b.databaseName("lake").maxResults(2)
                .nextToken(first.nextToken()));
        assertThat(names(second)).containsExactly("sales_2023", "sales_2024");
        GetTablesResponse third = server.glue.getTables(b -> b.databaseName("lake").maxResults(2)
                .nextToken(second.nextToken()));
        assertThat(names(third)).containsExactly("sales_eu");
        assertThat(third.nextToken()).isNull();
        assertThatThrownBy(() -> server.glue.getTables(b -> b.databaseName("lake").expression("sales_(")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void updatesKeepVersionsThatCanBeReadAndDeleted() {
        // given
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("t", List.of())));
        server.glue.updateTable(b -> b.databaseName("lake").tableInput(csvTable("t", List.of()).toBuilder()
                .description("v1").build()));
        server.glue.updateTable(b -> b.databaseName("lake").versionId("1").tableInput(csvTable("T", List.of())
                .toBuilder().description("v2").build()));
        // when
        Table current = server.glue.getTable(b -> b.databaseName("lake").name("t")).table();
        List<TableVersion> versions = server.glue.getTableVersions(b -> b.databaseName("lake").tableName("t"))
                .tableVersions();
        // then
        assertThat(current.versionId()).isEqualTo("2");
        assertThat(current.description()).isEqualTo("v2");
        assertThat(versions).extracting(TableVersion::versionId).containsExactly("0", "1", "2");
        assertThat(server.glue.getTableVersion(b -> b.databaseName("lake").tableName("t").versionId("1"))
                .tableVersion().table().description()).isEqualTo("v1");
        assertThatThrownBy(() -> server.glue.updateTable(b -> b.databaseName("lake").versionId("0")
                .tableInput(csvTable("t", List.of()))))
                .isInstanceOf(ConcurrentModificationException.class);

        server.glue.updateTable(b -> b.databaseName("lake").skipArchive(true).tableInput(csvTable("t", List.of())
                .toBuilder().description("v2b").build()));
        assertThat(server.glue.getTable(b -> b.databaseName("lake").name("t")).table().versionId()).isEqualTo("2");

        server.glue.deleteTableVersion(b -> b.databaseName("lake").tableName("t").versionId("0"));
        var errors = server.glue.batchDeleteTableVersion(b -> b.databaseName("lake").tableName("t")
                .versionIds("1", "0", "77")).errors();
        assertThat(errors).extracting(e -> e.versionId() + ":" + e.errorDetail().errorCode())
                .containsExactly("0:EntityNotFoundException", "77:EntityNotFoundException");
        assertThat(server.glue.getTableVersions(b -> b.databaseName("lake").tableName("t")).tableVersions())
                .extracting(TableVersion::versionId).containsExactly("2");
        assertThatThrownBy(() -> server.glue.getTableVersion(b -> b.databaseName("lake").tableName("t").versionId("1")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Version not found.");
    }

    @Test
    void deleteAndBatchDeleteRemoveTablesAndReportMissingOnes() {
        for (String name : List.of("a", "b", "c")) {
            server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable(name, List.of())));
        }
        server.glue.deleteTable(b -> b.databaseName("lake").name("A"));
        var errors = server.glue.batchDeleteTable(b -> b.databaseName("lake").tablesToDelete("b", "zz")).errors();
        assertThat(errors).extracting(e -> e.tableName() + ":" + e.errorDetail().errorMessage())
                .containsExactly("zz:Table zz not found.");
        assertThat(names(server.glue.getTables(b -> b.databaseName("lake")))).containsExactly("c");
        assertThatThrownBy(() -> server.glue.deleteTable(b -> b.databaseName("lake").name("a")))
                .isInstanceOf(EntityNotFoundException.class);
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("a", List.of())));
        assertThat(server.glue.getTable(b -> b.databaseName("lake").name("a")).table().versionId()).isEqualTo("0");
    }

    @Test
    void searchTablesFindsByTextAndFiltersAcrossDatabases() {
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("other")));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("customer-link", List.of())
                .toBuilder().description("Customer links").build()));
        server.glue.createTable(b -> b.databaseName("other").tableInput(csvTable("xxlinkyy", List.of())));
        server.glue.createTable(b -> b.databaseName("other").tableInput(csvTable("orders", List.of())));

        assertThat(server.glue.searchTables(b -> b.searchText("link")).tableList()).extracting(Table::name)
                .containsExactly("customer-link", "xxlinkyy");
        assertThat(server.glue.searchTables(b -> b.filters(PropertyPredicate.builder().key("Name").value("link")
                .build())).tableList()).extracting(Table::name).containsExactly("customer-link");
        assertThat(server.glue.searchTables(b -> b.filters(PropertyPredicate.builder().key("DatabaseName")
                .value("other").build()).sortCriteria(s -> s.fieldName("Name").sort("DESC"))).tableList())
                .extracting(Table::name).containsExactly("xxlinkyy", "orders");
        var first = server.glue.searchTables(b -> b.maxResults(2));
        assertThat(first.tableList()).hasSize(2);
        assertThat(server.glue.searchTables(b -> b.maxResults(2).nextToken(first.nextToken())).tableList()).hasSize(1);
    }

    private static List<String> names(GetTablesResponse r) {
        return r.tableList().stream().map(Table::name).toList();
    }
}
