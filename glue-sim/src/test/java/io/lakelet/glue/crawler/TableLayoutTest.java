package io.lakelet.glue.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.glue.classifier.Column;
import io.lakelet.glue.classifier.FileSchema;
import io.lakelet.glue.classifier.HiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableLayoutTest {

    private static CrawledFile csv(String rel, String... columns) {
        List<Column> cols = new ArrayList<>();
        for (String c : columns) {
            cols.add(new Column(c, HiveType.BIGINT));
        }
        FileSchema s = new FileSchema("csv", cols, FileSchema.TEXT_INPUT, FileSchema.TEXT_OUTPUT, "serde",
                Map.of("field.delim", ","), Map.of("skip.header.line.count", "1"), "none", 10, 1);
        return new CrawledFile("b", "in/" + rel, rel, 10, s);
    }

    private static List<TablePlan> plan(CrawlerConfiguration conf, CrawledFile... files) {
        return new TableLayout(conf, "b", "in/").plan(List.of(files));
    }

    @Test
    void similarSiblingFoldersAreOnePartitionedTableNamedAfterTheIncludePath() {
        List<TablePlan> tables = plan(CrawlerConfiguration.DEFAULT, csv("x/1.csv", "a", "b", "c"),
                csv("y/1.csv", "a", "b", "c", "d"));
        assertThat(tables).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("in");
            assertThat(t.location()).isEqualTo("s3://b/in/");
            assertThat(t.partitionKeys()).containsExactly("partition_0");
            assertThat(t.columns()).extracting(Column::name).containsExactly("a", "b", "c", "d");
            assertThat(t.partitions()).extracting(TablePlan.Partition::location)
                    .containsExactly("s3://b/in/x/", "s3://b/in/y/");
        });
    }

    @Test
    void dissimilarSiblingFoldersAreTablesOfTheirOwn() {
        List<TablePlan> tables = plan(CrawlerConfiguration.DEFAULT, csv("Sales-2024/1.csv", "a", "b", "c"),
                csv("people/1.csv", "x", "y", "z"));
        assertThat(tables).extracting(TablePlan::name).containsExactlyInAnyOrder("people", "sales_2024");
        assertThat(tables).allSatisfy(t -> assertThat(t.partitionKeys()).isEmpty());
    }

    @Test
    void combineCompatibleSchemasOnlyAsksForTheSameFormat() {
        CrawlerConfiguration combine = CrawlerConfiguration.parse(
                "{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\"}}");
        assertThat(plan(combine, csv("a/1.csv", "a", "b", "c"), csv("b/1.csv", "x", "y", "z"))).hasSize(1);
    }

    @Test
    void tableLevelConfigurationPutsTablesAtThatLevel() {
        CrawlerConfiguration level3 = CrawlerConfiguration.parse(
                "{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":3}}");
        List<TablePlan> tables = plan(level3, csv("t1/k=1/1.csv", "a"), csv("t1/k=2/1.csv", "a"),
                csv("t2/k=1/1.csv", "a"));
        assertThat(tables).extracting(TablePlan::name).containsExactly("t1", "t2");
        assertThat(tables.get(0).partitionKeys()).containsExactly("k");
        assertThat(tables.get(0).partitions()).extracting(TablePlan.Partition::values)
                .containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void filesDirectlyInAMixedFolderBecomeTablesNamedAfterThem() {
        List<TablePlan> tables = plan(CrawlerConfiguration.DEFAULT, csv("orders.csv", "a", "b"),
                csv("x/1.csv", "p", "q", "r"));
        assertThat(tables).extracting(TablePlan::name).containsExactlyInAnyOrder("orders_csv", "x");
        assertThat(tables).filteredOn(t -> t.name().equals("orders_csv")).singleElement()
                .satisfies(t -> assertThat(t.location()).isEqualTo("s3://b/in/orders.csv"));
    }

    @Test
    void jsonFilesWithSomeNewFieldsShareATable() {
        FileSchema one = io.lakelet.glue.classifier.JsonSchemaReader.builtIn(
                "{\"a\":1,\"b\":\"x\",\"c\":true}\n", true);
        FileSchema two = io.lakelet.glue.classifier.JsonSchemaReader.builtIn(
                "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":2}\n", true);
        List<TablePlan> tables = new TableLayout(CrawlerConfiguration.DEFAULT, "b", "in/").plan(List.of(
                new CrawledFile("b", "in/dt=1/1.json", "dt=1/1.json", 10, one),
                new CrawledFile("b", "in/dt=2/1.json", "dt=2/1.json", 10, two)));
        assertThat(tables).singleElement().satisfies(t -> {
            assertThat(t.partitionKeys()).containsExactly("dt");
            assertThat(t.columns()).extracting(Column::name).containsExactly("a", "b", "c", "d");
        });
    }
}
