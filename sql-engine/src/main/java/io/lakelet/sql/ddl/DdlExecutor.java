package io.lakelet.sql.ddl;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.Session;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.ddl.DdlStatement.*;
import io.lakelet.sql.query.QueryEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every statement that is not a query: Hive DDL against the catalog, SHOW and DESCRIBE, MSCK REPAIR
 * TABLE, views, CREATE TABLE AS and INSERT INTO (which run their SELECT through the {@link QueryEngine}).
 * Statements are parsed by {@link DdlParser}; a statement that fails changes nothing in the catalog.
 */
public final class DdlExecutor {
    private final Catalog catalog;
    private final ObjectStore store;
    private final Clock clock;
    private final QueryEngine queries;

    public DdlExecutor(Catalog catalog, ObjectStore store, Clock clock, QueryEngine queries) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.queries = queries;
    }

    /** Parses a statement without running it: a syntax error fails with SYNTAX_ERROR as {@link #execute} would. */
    public void checkSyntax(String sql) {
        DdlParser.parse(sql);
    }

    public QueryResult execute(Session session, String sql, Cancellation cancellation) {
        DdlStatement statement = DdlParser.parse(sql);
        cancellation.check();
        CatalogAccess access = new CatalogAccess(catalog, session, clock);
        try {
            access.ensureDefaultDatabase();
            return run(statement, access, cancellation);
        } catch (AwsException e) {
            throw DdlErrors.fromCatalog(e);
        } catch (java.io.UncheckedIOException e) {
            throw new SqlFailure("HIVE_WRITER_DATA_ERROR", 1, 200, "Failed to write data: " + e.getCause().getMessage(),
                    e);
        }
    }

    private QueryResult run(DdlStatement statement, CatalogAccess access, Cancellation cancellation) {
        CatalogStatements ddl = new CatalogStatements(access);
        ShowStatements show = new ShowStatements(access);
        if (statement instanceof CreateDatabase s) {
            ddl.createDatabase(s);
        } else if (statement instanceof DropDatabase s) {
            ddl.dropDatabase(s);
        } else if (statement instanceof CreateTable s) {
            ddl.createTable(s);
        } else if (statement instanceof DropTable s) {
            ddl.dropTable(s);
        } else if (statement instanceof AddPartitions s) {
            ddl.addPartitions(s);
        } else if (statement instanceof DropPartitions s) {
            ddl.dropPartitions(s);
        } else if (statement instanceof SetTableProperties s) {
            ddl.setTableProperties(s);
        } else if (statement instanceof AddColumns s) {
            ddl.addColumns(s);
        } else if (statement instanceof SetLocation s) {
            ddl.setLocation(s);
        } else if (statement instanceof ChangeColumn s) {
            ddl.changeColumn(s);
        } else if (statement instanceof RenamePartition s) {
            ddl.renamePartition(s);
        } else if (statement instanceof SetDatabaseProperties s) {
            ddl.setDatabaseProperties(s);
        } else if (statement instanceof RepairTable s) {
            List<Object[]> rows = new ArrayList<>();
            new MsckRepair(access, store).repair(s.table(), cancellation)
                    .forEach(line -> rows.add(new Object[] {line}));
            return DdlResult.ddl(List.of(DdlResult.varchar("result")), rows);
        } else if (statement instanceof CreateView s) {
            createView(s, access, cancellation);
        } else if (statement instanceof DropView s) {
            dropView(s, access);
        } else if (statement instanceof CreateTableAs s) {
            return new WriteStatements(access, store, queries).createTableAs(s, cancellation);
        } else if (statement instanceof Unload s) {
            return new WriteStatements(access, store, queries).unload(s, cancellation);
        } else if (statement instanceof Insert s) {
            return new WriteStatements(access, store, queries).insert(s, cancellation);
        } else if (statement instanceof ShowDatabases s) {
            return show.showDatabases(s);
        } else if (statement instanceof ShowTables s) {
            return show.showTables(s);
        } else if (statement instanceof ShowPartitions s) {
            return show.showPartitions(s);
        } else if (statement instanceof ShowColumns s) {
            return show.showColumns(s);
        } else if (statement instanceof ShowCreateTable s) {
            return show.showCreate(s);
        } else if (statement instanceof ShowTableProperties s) {
            return show.showTableProperties(s);
        } else if (statement instanceof Describe s) {
            return show.describe(s);
        }
        return DdlResult.ddl();
    }

    /** CREATE [OR REPLACE] VIEW: the view's columns come from planning its query (LIMIT 0 reads nothing). */
    private void createView(CreateView s, CatalogAccess access, Cancellation cancellation) {
        String database = access.database(s.view());
        if (!access.databaseExists(database)) {
            throw DdlErrors.trino("SCHEMA_NOT_FOUND", s.view().at(), "Schema '" + database + "' does not exist");
        }
        var existing = access.findTable(s.view());
        if (existing.isPresent()) {
            if (!CatalogAccess.VIRTUAL_VIEW.equals(existing.get().tableType())) {
                throw DdlErrors.trinoStatement("TABLE_ALREADY_EXISTS", "Table already exists: '"
                        + DdlErrors.qualified(database, s.view().name()) + "'");
            }
            if (!s.orReplace()) {
                throw DdlErrors.trinoStatement("TABLE_ALREADY_EXISTS", "View already exists: '"
                        + DdlErrors.qualified(database, s.view().name()) + "'");
            }
        }
        List<ColumnInfo> columns;
        try (QueryResult result = queries.query(access.session, "SELECT * FROM (" + s.query() + ") LIMIT 0",
                cancellation)) {
            columns = result.rows().columns();
        }
        WriteStatements.requireNamedColumns(columns);
        PrestoViews.Definition definition = new PrestoViews.Definition(s.query(), "awsdatacatalog", database, columns,
                "arn:aws:iam::" + access.account() + ":root");
        Table table = PrestoViews.table(database, s.view().name(), definition);
        if (existing.isPresent()) {
            catalog.updateTable(access.account(), access.region(), table);
        } else {
            catalog.createTable(access.account(), access.region(), table);
        }
    }

    private void dropView(DropView s, CatalogAccess access) {
        String database = access.database(s.view());
        var existing = access.findTable(s.view());
        String qualified = DdlErrors.qualified(database, s.view().name());
        if (existing.isEmpty()) {
            if (s.ifExists()) {
                return;
            }
            throw DdlErrors.trinoStatement("TABLE_NOT_FOUND",
                    "View '" + qualified + "' does not exist");
        }
        if (!CatalogAccess.VIRTUAL_VIEW.equals(existing.get().tableType())) {
            throw DdlErrors.trinoStatement("TABLE_NOT_FOUND", "View '" + qualified
                    + "' does not exist, but a table with that name exists. Did you mean DROP TABLE " + qualified
                    + "?");
        }
        catalog.deleteTable(access.account(), access.region(), database, s.view().name());
    }
}
