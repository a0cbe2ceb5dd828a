package io.lakelet.glue.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Classifier;

class TextClassifiersTest {

    @Test
    void jsonRecordsWidenAcrossLinesAndNestedValuesBecomeStructsAndArrays() {
        FileSchema s = JsonSchemaReader.builtIn("{\"a\":1,\"b\":{\"c\":[1,2]}}\n{\"a\":2.5,\"d\":null}\n"
                + "{\"a\":3,\"b\":{\"c\":[],\"e\":true},\"d\":\"x\"}\n", true);
        assertThat(s.columns()).extracting(Column::name, c -> c.type().hive()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "double"),
                org.assertj.core.groups.Tuple.tuple("b", "struct<c:array<int>,e:boolean>"),
                org.assertj.core.groups.Tuple.tuple("d", "string"));
        assertThat(s.serdeParameters()).containsEntry("paths", "a,b,d");
    }

    @Test
    void aJsonPathSelectsRecordsInsideADocument() {
        FileSchema s = JsonSchemaReader.custom("$.data.items[*]",
                "{\"data\":{\"items\":[{\"id\":1},{\"id\":99999999999}]}}", true);
        assertThat(s.columns()).extracting(c -> c.type().hive()).containsExactly("bigint");
        assertThat(s.records()).isEqualTo(2);
    }

    @Test
    void grokColumnsComeFromNamedReferencesWithTheirTypes() {
        Classifier c = Classifier.builder().grokClassifier(g -> g.name("g").classification("weblog")
                .grokPattern("%{IP:client} %{WORD:method} %{NUMBER:bytes:int} %{MYCODE:code}")
                .customPatterns("MYCODE [A-Z]{3}")).build();
        FileSchema s = FileClassifier.classifyText("10.0.0.1 GET 512 ABC\n10.0.0.2 PUT 7 XYZ\n", true, List.of(c));
        assertThat(s.classification()).isEqualTo("weblog");
        assertThat(s.columns()).extracting(Column::name, col -> col.type().hive()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("client", "string"),
                org.assertj.core.groups.Tuple.tuple("method", "string"),
                org.assertj.core.groups.Tuple.tuple("bytes", "int"),
                org.assertj.core.groups.Tuple.tuple("code", "string"));
        assertThat(FileClassifier.classifyText("id,name\n1,a\n2,b\n", true, List.of(c)).classification())
                .as("what the custom classifier does not match falls to the built-in ones").isEqualTo("csv");
    }

    @Test
    void xmlRowsGiveColumnsFromAttributesAndChildren() {
        FileSchema s = XmlSchemaReader.read("xml", "book",
                "<catalog><book id=\"1\"><title>A</title><price>9.5</price></book>"
                        + "<book id=\"2\"><title>B</title><price>3</price><author><name>x</name></author></book>"
                        + "<book id=\"3\"><tit");
        assertThat(s.records()).isEqualTo(2);
        assertThat(s.columns()).extracting(Column::name, c -> c.type().hive()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", "bigint"),
                org.assertj.core.groups.Tuple.tuple("title", "string"),
                org.assertj.core.groups.Tuple.tuple("price", "double"),
                org.assertj.core.groups.Tuple.tuple("author", "struct<name:string>"));
    }
}
