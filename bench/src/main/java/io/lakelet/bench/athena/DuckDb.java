package io.lakelet.bench.athena;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * DuckDB in this JVM (org.duckdb:duckdb_jdbc) reading the same Parquet files from disk: the reference the
 * issue sets, and a check that both engines return the same answer.
 */
final class DuckDb implements AutoCloseable {
    private final Connection connection;

    DuckDb(Path parquetDir) throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE VIEW lineitem AS SELECT * FROM read_parquet('" + parquetDir.resolve("*.parquet") + "')");
        }
    }

    /** Runs a query and returns its first row, as text. */
    String firstRow(String sql) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder out = new StringBuilder();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
            }
            while (rs.next()) {
                // drain: the timing covers the whole result
            }
            return out.toString();
        }
    }

    String version() throws Exception {
        return firstRow("SELECT version()");
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
