package io.lakelet.sql.ddl;

import static io.lakelet.sql.ddl.FakeQueries.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import io.lakelet.sql.TestLake;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UNLOAD writes a query's rows as files without a table; every write leaves Athena's data manifest. */
class UnloadTest extends DdlTestSupport {

    @BeforeEach
    void buckets() {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
    }

    @Test
    void unloadsPartitionedTextAndListsTheFilesInTheManifest() throws Exception {
        queries.returning(List.of(column("id", "integer"), column("name", "varchar"), column("dt", "varchar")),
                List.<Object[]>of(new Object[] {1, "a", "x"}, new Object[] {2, "b", "y"}));

        QueryResult result = run("UNLOAD (SELECT id, name, dt FROM t WHERE (id > 0)) TO 's3://lake/out' "
                + "WITH (format = 'TEXTFILE', compression = 'NONE', field_delimiter = '|', partitioned_by = ARRAY['dt'])");

        assertThat(queries.seen).containsExactly("SELECT id, name, dt FROM t WHERE (id > 0)");
        assertThat(result.statementType()).isEqualTo(StatementType.DML);
        assertThat(result.rowsWritten()).hasValue(2);
        List<ObjectStore.ObjectInfo> files = lake.store.list(TestLake.ACCOUNT, "lake", "out/", null, null, 10).objects();
        assertThat(files).extracting(ObjectStore.ObjectInfo::key).allMatch(k -> k.startsWith("out/dt=x/")
                || k.startsWith("out/dt=y/")).hasSize(2);
        assertThat(read("lake", files.get(0).key())).isEqualTo("1|a\n");
        assertThat(lake.catalog.listTables(TestLake.ACCOUNT, TestLake.REGION, "default")).isEmpty();
        String manifest = read("results", "out/q-1-manifest.csv");
        assertThat(manifest.lines().toList()).containsExactlyInAnyOrder("s3://lake/" + files.get(0).key(),
                "s3://lake/" + files.get(1).key());
    }

    @Test
    void unloadRefusesANonEmptyTargetAndUnknownProperties() {
        put("lake", "full/old.csv", "x");
        queries.returning(List.of(column("id", "integer")), List.<Object[]>of(new Object[] {1}));

        assertThatThrownBy(() -> run("UNLOAD (SELECT 1 AS id) TO 's3://lake/full/'"))
                .extracting(e -> ((SqlFailure) e).reason()).asString()
                .startsWith("HIVE_PATH_ALREADY_EXISTS: Target directory already exists: s3://lake/full/.");
        assertThatThrownBy(() -> run("UNLOAD (SELECT 1 AS id) TO 's3://lake/new/' WITH (colour = 'red')"))
                .isInstanceOf(SqlFailure.class).hasMessageContaining("'colour' does not exist");
        assertThatThrownBy(() -> run("UNLOAD (SELECT 1 AS id TO 's3://lake/new/'"))
                .isInstanceOf(SqlFailure.class).hasMessageContaining("Expecting: ')'");
        assertThat(queries.seen).isEmpty();
    }

    private String read(String bucket, String key) throws Exception {
        try (InputStream in = lake.store.read(TestLake.ACCOUNT, bucket, key, 0, -1)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
