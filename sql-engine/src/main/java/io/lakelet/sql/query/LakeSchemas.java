package io.lakelet.sql.query;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.Catalog;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * The catalog as Calcite schemas, looked up lazily per name: the root holds every database (so that
 * {@code db.table} resolves) and {@code awsdatacatalog}, which holds them again (for
 * {@code awsdatacatalog.db.table}). Names match without regard to case, as in Glue.
 */
final class LakeSchemas {
    static final String CATALOG = "awsdatacatalog";

    private LakeSchemas() {
    }

    static Schema root(QueryRun run) {
        return new Root(run, true);
    }

    /** The root (with the catalog's name as one more entry) or the catalog itself (databases only). */
    private static final class Root extends AbstractSchema {
        private final QueryRun run;
        private final boolean top;

        Root(QueryRun run, boolean top) {
            this.run = run;
            this.top = top;
        }

        @Override
        public org.apache.calcite.linq4j.tree.Expression getExpression(
                org.apache.calcite.schema.SchemaPlus parentSchema, String name) {
            if (parentSchema == null) {
                return org.apache.calcite.linq4j.tree.Expressions.call(org.apache.calcite.DataContext.ROOT,
                        org.apache.calcite.util.BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
            }
            return super.getExpression(parentSchema, name);
        }

        @Override
        public Lookup<? extends Schema> subSchemas() {
            return new Lookup<Schema>() {
                @Override
                public Schema get(String name) {
                    Named<Schema> n = getIgnoreCase(name);
                    return n == null ? null : n.entity();
                }

                @Override
                public Named<Schema> getIgnoreCase(String name) {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (top && lower.equals(CATALOG)) {
                        return new Named<>(CATALOG, new Root(run, false));
                    }
                    Optional<Catalog.Database> db = run.catalog().getDatabase(run.account(), run.region(), lower);
                    return db.map(d -> new Named<Schema>(d.name(), new Database(run, d.name()))).orElse(null);
                }

                @Override
                public Set<String> getNames(LikePattern pattern) {
                    Set<String> names = new LinkedHashSet<>();
                    var matcher = pattern.matcher();
                    if (top && matcher.apply(CATALOG)) {
                        names.add(CATALOG);
                    }
                    for (Catalog.Database d : run.catalog().listDatabases(run.account(), run.region())) {
                        if (matcher.apply(d.name())) {
                            names.add(d.name());
                        }
                    }
                    return names;
                }
            };
        }
    }

    /** One database: its tables and views, fetched from the catalog when a query names them. */
    static final class Database extends AbstractSchema {
        private final QueryRun run;
        private final String name;

        Database(QueryRun run, String name) {
            this.run = run;
            this.name = name;
        }

        @Override
        public Lookup<Table> tables() {
            return new Lookup<Table>() {
                @Override
                public Table get(String table) {
                    Named<Table> n = getIgnoreCase(table);
                    return n == null ? null : n.entity();
                }

                @Override
                public Named<Table> getIgnoreCase(String table) {
                    Optional<Catalog.Table> t;
                    try {
                        t = run.catalog().getTable(run.account(), run.region(), name, table.toLowerCase(Locale.ROOT));
                    } catch (AwsException e) {
                        return null;
                    }
                    return t.map(def -> new Named<>(def.name(), toTable(def))).orElse(null);
                }

                @Override
                public Set<String> getNames(LikePattern pattern) {
                    Set<String> names = new LinkedHashSet<>();
                    var matcher = pattern.matcher();
                    for (Catalog.Table t : run.catalog().listTables(run.account(), run.region(), name)) {
                        if (matcher.apply(t.name())) {
                            names.add(t.name());
                        }
                    }
                    return names;
                }
            };
        }

        private Table toTable(Catalog.Table def) {
            if ("VIRTUAL_VIEW".equalsIgnoreCase(def.tableType())) {
                return Views.table(def);
            }
            return new LakeTable(run, def);
        }
    }
}
