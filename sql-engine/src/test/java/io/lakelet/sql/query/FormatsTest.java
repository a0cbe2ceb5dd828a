package io.lakelet.sql.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import io.lakelet.sql.TestLake;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

/** Each SerDe and compression Athena reads text tables with, read through a query. */
class FormatsTest {
    private TestLake lake;

    @BeforeEach
    void setUp() {
        lake = new TestLake();
        Lakes.database(lake, "db");
    }

    @AfterEach
    void tearDown() {
        lake.close();
    }

    @Test
    void lazySimpleSerDeReadsDelimitersCollectionsNullsEscapesAndHeaders() {
        Lakes.table(lake, "db", "t", Lakes.columns("id", "int", "name", "string", "tags", "array<string>",
                        "attrs", "map<string,int>", "price", "decimal(10,2)", "day", "date", "at", "timestamp",
                        "ok", "boolean"), List.of(), "s3://lake/t/", Lakes.LAZY,
                Map.of("field.delim", "|", "collection.delim", ",", "mapkey.delim", ":", "escape.delim", "\\"),
                Map.of("skip.header.line.count", "1"));
        lake.store.put("lake", "t/part-0", "id|name|tags|attrs|price|day|at|ok\n"
                + "1|a\\|b|x,y|k:1,j:2|12.5|2024-01-02|2024-01-02 03:04:05.5|true\n"
                + "2|\\N|||bad|\\N|\\N|false\n");
        assertThat(Lakes.text(lake, "db", "SELECT * FROM t ORDER BY id")).containsExactly(
                List.of("1", "a|b", "[x, y]", "{k=1, j=2}", "12.50", "2024-01-02", "2024-01-02 03:04:05.500", "true"),
                Arrays.asList("2", null, "[]", "{}", null, null, null, "false"));
    }

    @Test
    void defaultSeparatorsAreHiveControlCharactersAndNullFormatIsConfigurable() {
        Lakes.table(lake, "db", "t", Lakes.columns("a", "string", "b", "bigint", "s", "struct<x:int,y:string>"),
                List.of(), "s3://lake/t/", Lakes.LAZY, Map.of("serialization.null.format", ""), Map.of());
        lake.store.put("lake", "t/f", "hello\u00017\u00013\u0002three\n\u0001\u0001\n");
        assertThat(Lakes.text(lake, "db", "SELECT a, b, t.s.x, t.s.y FROM t")).containsExactly(
                List.of("hello", "7", "3", "three"), Arrays.asList(null, null, null, null));
    }

    @Test
    void openCsvSerDeHonoursQuotesSeparatorAndParsesDeclaredTypes() {
        Lakes.table(lake, "db", "t", Lakes.columns("id", "int", "name", "string", "amount", "double"), List.of(),
                "s3://lake/t/", Lakes.OPENCSV, Map.of("separatorChar", ";", "quoteChar", "'"),
                Map.of("skip.header.line.count", "1"));
        lake.store.put("lake", "t/f.csv", "id;name;amount\n1;'a;b';2.5\n2;'say ''hi''';\n");
        assertThat(Lakes.text(lake, "db", "SELECT id + 1, name, amount * 2 FROM t ORDER BY id")).containsExactly(
                List.of("2", "a;b", "5.0"), Arrays.asList("3", "say 'hi'", null));
    }

    @Test
    void openXJsonMatchesKeysWithoutCaseAndReadsNestedValues() {
        Lakes.table(lake, "db", "t", Lakes.columns("id", "bigint", "person", "struct<name:string,langs:array<string>>",
                "scores", "map<string,double>"), List.of(), "s3://lake/t/", Lakes.OPENX_JSON,
                Map.of("ignore.malformed.json", "true"), Map.of());
        lake.store.put("lake", "t/a.json", "{\"ID\": 1, \"Person\": {\"Name\": \"ann\", \"langs\": [\"sql\", \"java\"]},"
                + " \"scores\": {\"m\": 1.5}}\nnot json\n{\"id\": 2}\n");
        assertThat(Lakes.text(lake, "db", "SELECT id, t.person.name, t.person.langs[2], scores['m'] FROM t ORDER BY id"))
                .as("Trino sorts NULLs last; the malformed line is a row of NULLs")
                .containsExactly(List.of("1", "ann", "java", "1.5"), Arrays.asList("2", null, null, null),
                        Arrays.asList(null, null, null, null));
    }

    @Test
    void malformedJsonFailsWithoutIgnoreMalformed() {
        Lakes.table(lake, "db", "t", Lakes.columns("id", "bigint"), List.of(), "s3://lake/t/", Lakes.HCAT_JSON,
                Map.of(), Map.of());
        lake.store.put("lake", "t/a.json", "{\"id\": 1}\n{oops\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lakes.text(lake, "db", "SELECT id FROM t"))
                .isInstanceOf(io.lakelet.sql.SqlFailure.class)
                .satisfies(e -> assertThat(((io.lakelet.sql.SqlFailure) e).errorName()).isEqualTo("HIVE_BAD_DATA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".gz", ".bz2", ".zst", ".snappy", ""})
    void compressedTextIsChosenByExtension(String extension) throws IOException {
        Lakes.table(lake, "db", "t", Lakes.columns("id", "int", "name", "string"), List.of(), "s3://lake/t/",
                Lakes.HCAT_JSON, Map.of(), Map.of());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("{\"id\": ").append(i).append(", \"name\": \"n").append(i).append("\"}\n");
        }
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        byte[] bytes = compress(extension, text.toString().getBytes(StandardCharsets.UTF_8));
        lake.store.put(TestLake.ACCOUNT, "lake", "t/data" + extension, new ByteArrayInputStream(bytes), bytes.length,
                null, Map.of());
        assertThat(Lakes.text(lake, "db", "SELECT count(*), sum(id), max(name) FROM t"))
                .containsExactly(List.of("1000", "499500", "n999"));
        assertThat(Lakes.scanned(lake, "db", "SELECT count(*) FROM t")).isEqualTo(bytes.length);
    }

    static byte[] compress(String extension, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream s = switch (extension) {
            case ".gz" -> new GZIPOutputStream(out);
            case ".bz2" -> {
                BZip2Codec codec = new BZip2Codec();
                codec.setConf(new Configuration(false));
                yield codec.createOutputStream(out);
            }
            case ".zst" -> new ZstdOutputStream(out);
            case ".snappy" -> new SnappyHadoopCompatibleOutputStream(out);
            default -> out;
        };
        s.write(plain);
        s.close();
        return out.toByteArray();
    }

    @Test
    void filesStartingWithUnderscoreOrDotAndFolderMarkersAreSkipped() {
        Lakes.table(lake, "db", "t", Lakes.columns("id", "int"), List.of(), "s3://lake/t", Lakes.LAZY, Map.of(),
                Map.of());
        lake.store.put("lake", "t/a", "1\n");
        lake.store.put("lake", "t/sub/b", "2\n");
        lake.store.put("lake", "t/_SUCCESS", "9\n");
        lake.store.put("lake", "t/.hidden", "9\n");
        lake.store.put("lake", "t/_tmp/c", "9\n");
        lake.store.put("lake", "t/folder/", "");
        lake.store.put("lake", "tother/x", "9\n");
        assertThat(Lakes.text(lake, "db", "SELECT id, \"$path\" FROM t ORDER BY id")).containsExactly(
                List.of("1", "s3://lake/t/a"), List.of("2", "s3://lake/t/sub/b"));
        assertThat(Lakes.text(lake, "db", "SELECT * FROM t ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
    }

    private static final class Arrays {
        static List<String> asList(String... values) {
            return java.util.Arrays.asList(values);
        }
    }
}
