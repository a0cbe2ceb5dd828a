package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.Session;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.Programs;

/**
 * Queries planned and run by Calcite over the catalog's tables, reading their files from the object store.
 * Each query gets its own planner over lazily resolved schemas (see {@link LakeSchemas}); the plan is
 * compiled to Calcite's enumerable code and its rows stream through a {@link ResultCursor}.
 */
public final class CalciteQueryEngine implements QueryEngine {
    static {
        // Before any Calcite class reads its settings: Calcite compiles each plan to Java with Janino (tens of
        // milliseconds), and its cache of compiled plans, keyed by the generated source (literals included),
        // is off unless sized.
        if (System.getProperty("calcite.bindable.cache.maxSize") == null) {
            System.setProperty("calcite.bindable.cache.maxSize", "256");
        }
    }

    private static final Pattern EXPLAIN = Pattern.compile(
            "^\\s*EXPLAIN\\s+(ANALYZE\\s+)?(\\((?:[^()]|\\([^()]*\\))*\\)\\s*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSET_LIMIT = Pattern.compile(
            "\\bOFFSET\\s+(\\d+)(\\s+ROWS?)?\\s+LIMIT\\s+(\\d+|ALL)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIMIT_ALL = Pattern.compile("\\bLIMIT\\s+ALL\\b", Pattern.CASE_INSENSITIVE);
    /** A statement that may call {@code try(...)}: only its plan is searched for {@link TryPlans#TRY}. */
    private static final Pattern TRY_CALL = Pattern.compile("\\btry\"?\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile("\"\\$(path|file_size)\"", Pattern.CASE_INSENSITIVE);

    /**
     * Calcite's PRESTO conformance, except that ORDER BY may name a select-list alias, as Trino allows
     * ({@code SELECT a.b AS x ... ORDER BY x}).
     */
    static final org.apache.calcite.sql.validate.SqlConformance TRINO =
            new org.apache.calcite.sql.validate.SqlDelegatingConformance(SqlConformanceEnum.PRESTO) {
                @Override
                public boolean isSortByAlias() {
                    return true;
                }
            };

    static final SqlParser.Config PARSER = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withQuotedCasing(Casing.UNCHANGED)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.PRESTO)
            .withParserFactory(org.apache.calcite.sql.parser.babel.SqlBabelParserImpl.FACTORY);

    /** Read by Calcite's planner over the validator settings: Trino puts NULLs last in both directions. */
    private static final org.apache.calcite.config.CalciteConnectionConfigImpl CONNECTION;

    static {
        // Uncollect asserts one alias per input column, which UNNEST(map) AS t(k, v) breaks although the
        // row type it derives is right; where assertions are on (tests), they are off for that class.
        ClassLoader loader = CalciteQueryEngine.class.getClassLoader();
        if (loader != null) {
            loader.setClassAssertionStatus("org.apache.calcite.rel.core.Uncollect", false);
            loader.setClassAssertionStatus("org.apache.calcite.rel.logical.LogicalUncollect", false);
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("defaultNullCollation", "LAST");
        p.setProperty("caseSensitive", "false");
        // The planner takes its validator's conformance from here, so TRINO is given here; the property is
        // set too, or the planner would replace this object by a copy with the parser's conformance.
        p.setProperty("conformance", "PRESTO");
        CONNECTION = new org.apache.calcite.config.CalciteConnectionConfigImpl(p) {
            @Override
            public org.apache.calcite.sql.validate.SqlConformance conformance() {
                return TRINO;
            }
        };
    }

    private final Catalog catalog;
    private final ObjectStore store;
    private final Clock clock;
    private final boolean vectorised;

    public CalciteQueryEngine(Catalog catalog, ObjectStore store, Clock clock) {
        this(catalog, store, clock, true);
    }

    /** With {@code vectorised} false, no plan takes the {@link VectorPlans} path (to compare the two). */
    CalciteQueryEngine(Catalog catalog, ObjectStore store, Clock clock, boolean vectorised) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.vectorised = vectorised;
    }

    @Override
    public void checkSyntax(String sql) {
        String text = trinoToCalcite(sql);
        try {
            SqlParser.create(text, PARSER).parseStmt();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            throw Errors.translate(e, text, new Cancellation());
        }
    }

    /** The statement with Trino-only forms Calcite's parser lacks (EXPLAIN options, OFFSET before LIMIT) rewritten. */
    private static String trinoToCalcite(String sql) {
        String text = sql;
        Matcher m = EXPLAIN.matcher(text);
        if (m.find()) {
            text = blankPrefix(text, m.end());
        }
        text = OFFSET_LIMIT.matcher(text).replaceAll(r -> r.group(3).equalsIgnoreCase("ALL")
                ? "OFFSET " + r.group(1) : "LIMIT " + r.group(3) + " OFFSET " + r.group(1));
        return LIMIT_ALL.matcher(text).replaceAll("");
    }

    @Override
    public QueryResult query(Session session, String sql, Cancellation cancellation) {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        boolean explain = EXPLAIN.matcher(sql).find();
        String text = trinoToCalcite(sql);
        LongAdder bytes = new LongAdder();
        QueryRun run = new QueryRun(session, catalog, store, cancel, bytes, HIDDEN.matcher(text).find());
        try {
            return plan(run, text, explain);
        } catch (RuntimeException | Error e) {
            throw failure(e, run, text, cancel);
        } catch (Exception e) {
            throw failure(e, run, text, cancel);
        }
    }

    /** Keeps positions in error messages true to the statement as written: the prefix becomes spaces. */
    private static String blankPrefix(String sql, int end) {
        StringBuilder b = new StringBuilder(sql);
        for (int i = 0; i < end; i++) {
            if (b.charAt(i) != '\n') {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }

    private static final Pattern SPECIAL_SYNTAX = Pattern.compile("\\b(date_trunc|date_diff)\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    private QueryResult plan(QueryRun run, String sql0, boolean explain) throws Exception {
        // Calcite's parser gives these BigQuery's argument order; quoted, they are plain function calls.
        String sql = SPECIAL_SYNTAX.matcher(sql0).replaceAll(r -> "\"" + r.group(1).toLowerCase(Locale.ROOT) + "\"(");
        CalciteSchema rootSchema = CalciteSchema.createRootSchema(false, false, "", LakeSchemas.root(run));
        SchemaPlus root = rootSchema.plus();
        SchemaPlus current = root.subSchemas().get(run.session().database());
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .parserConfig(PARSER)
                .context(org.apache.calcite.plan.Contexts.of(CONNECTION))
                .defaultSchema(current != null ? current : root)
                .operatorTable(TrinoOperators.table())
                .typeSystem(TrinoTypeSystem.INSTANCE)
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT
                        .withConformance(TRINO)
                        .withDefaultNullCollation(NullCollation.LAST)
                        .withIdentifierExpansion(true)
                        .withTypeCoercionFactory(TrinoTypeCoercion::new))
                .sqlToRelConverterConfig(SqlToRelConverter.config().withExpand(false).withTrimUnusedFields(true))
                .programs(Programs.standard())
                .build();
        Planner planner = Frameworks.getPlanner(config);
        SqlNode parsed = TrinoRewriter.rewrite(planner.parse(sql));
        var validatedAndType = planner.validateAndGetType(parsed);
        SqlNode validated = validatedAndType.getKey();
        RelDataType validatedType = validatedAndType.getValue();
        RelRoot relRoot = planner.rel(validated);
        // Before planning for the query's own casts (constants are folded while planning), after it for
        // the casts planning adds (avg becomes a cast of sum / count).
        RelNode logical = DecimalRounding.apply(relRoot.rel);
        RelTraitSet traits = logical.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(relRoot.collation)
                .simplify();
        RelNode best = DecimalRounding.apply(planner.transform(0, traits, logical));
        if (vectorised) {
            best = VectorPlans.rewrite(best);
        }
        if (!relRoot.isRefTrivial() || relRoot.fields.size() != best.getRowType().getFieldCount()) {
            List<org.apache.calcite.rex.RexNode> refs = new ArrayList<>();
            List<String> fieldNames = new ArrayList<>();
            for (var f : relRoot.fields) {
                refs.add(org.apache.calcite.rex.RexInputRef.of(f.getKey(), best.getRowType()));
                fieldNames.add(f.getValue());
            }
            RelDataType outType = planner.getTypeFactory().createStructType(
                    refs.stream().map(org.apache.calcite.rex.RexNode::getType).toList(), fieldNames);
            best = org.apache.calcite.adapter.enumerable.EnumerableCalc.create(best,
                    org.apache.calcite.rex.RexProgram.create(best.getRowType(), refs, null, outType,
                            best.getCluster().getRexBuilder()));
        }
        if (explain) {
            String plan = RelOptUtil.dumpPlan("", best, SqlExplainFormat.TEXT, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {plan.stripTrailing()});
            RowCursor cursor = RowCursor.of(List.of(new ColumnInfo("Query Plan", "varchar", "varchar",
                    Integer.MAX_VALUE, 0, true)), rows);
            return result(StatementType.UTILITY, cursor, run);
        }
        java.util.Map<String, Object> stash = new HashMap<>();
        if (TRY_CALL.matcher(sql).find()) {
            best = TryPlans.rewrite(best, stash, (org.apache.calcite.adapter.java.JavaTypeFactory) planner.getTypeFactory());
        }
        Bindable<Object[]> bindable = EnumerableInterpretable.toBindable(stash, null,
                (EnumerableRel) best, EnumerableRel.Prefer.ARRAY);
        QueryContext context = new QueryContext(root, (org.apache.calcite.adapter.java.JavaTypeFactory) planner.getTypeFactory(), clock, run.cancellation(), stash);
        @SuppressWarnings("unchecked")
        Enumerable<Object> rows = (Enumerable<Object>) (Enumerable<?>) bindable.bind(context);
        RelDataType rowType = best.getRowType();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            names.add(i < relRoot.fields.size() ? relRoot.fields.get(i).getValue() : rowType.getFieldNames().get(i));
        }
        if (validatedType != null && validatedType.getFieldCount() == rowType.getFieldCount()) {
            names = new ArrayList<>(validatedType.getFieldNames());
        }
        ResultCursor cursor = new ResultCursor(rows.enumerator(), rowType, names, run.cancellation(), sql);
        return result(StatementType.DML, cursor, run);
    }

    private static QueryResult result(StatementType type, RowCursor cursor, QueryRun run) {
        return new QueryResult() {
            @Override
            public StatementType statementType() {
                return type;
            }

            @Override
            public RowCursor rows() {
                return cursor;
            }

            @Override
            public long dataScannedBytes() {
                return run.bytesScanned().sum();
            }
        };
    }

    private SqlFailure failure(Throwable e, QueryRun run, String sql, Cancellation cancel) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CalciteContextException c) {
                String m = c.getCause() != null ? String.valueOf(c.getCause().getMessage()) : String.valueOf(c.getMessage());
                if (m.startsWith("Object '") || m.startsWith("Table '")) {
                    return notFound(c, run, sql);
                }
                break;
            }
        }
        return Errors.translate(e, sql, cancel);
    }

    /** TABLE_NOT_FOUND or SCHEMA_NOT_FOUND for the name at the error's position, as Trino words them. */
    private SqlFailure notFound(CalciteContextException c, QueryRun run, String sql) {
        String name = textAt(sql, c.getPosLine(), c.getPosColumn(), c.getEndPosLine(), c.getEndPosColumn());
        List<String> parts = new ArrayList<>();
        for (String p : name.split("\\.")) {
            String s = p.trim();
            parts.add(s.startsWith("\"") && s.endsWith("\"") && s.length() > 1 ? s.substring(1, s.length() - 1)
                    : s.toLowerCase(Locale.ROOT));
        }
        if (!parts.isEmpty() && parts.size() == 3) {
            parts.remove(0);
        }
        String db = parts.size() >= 2 ? parts.get(parts.size() - 2) : run.session().database();
        String table = parts.isEmpty() ? name : parts.get(parts.size() - 1);
        if (catalog.getDatabase(run.account(), run.region(), db).isEmpty()) {
            return Errors.at("SCHEMA_NOT_FOUND", c.getPosLine(), c.getPosColumn(), "Schema '" + db + "' does not exist");
        }
        return Errors.at("TABLE_NOT_FOUND", c.getPosLine(), c.getPosColumn(),
                "Table '" + LakeSchemas.CATALOG + "." + db + "." + table + "' does not exist");
    }

    private static String textAt(String sql, int line, int col, int endLine, int endCol) {
        String[] lines = sql.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        if (endLine == line && endCol >= col && endCol <= lines[line - 1].length()) {
            return lines[line - 1].substring(col - 1, endCol);
        }
        String rest = lines[line - 1].substring(Math.min(col - 1, lines[line - 1].length()));
        Matcher m = Pattern.compile("^(\"[^\"]*\"|[\\w$]+)(\\s*\\.\\s*(\"[^\"]*\"|[\\w$]+))*").matcher(rest);
        return m.find() ? m.group() : rest;
    }
}
