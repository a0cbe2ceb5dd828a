package io.lakelet.sql.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * A GROUP BY (or a global aggregate) over the scan of one lake table, run on column vectors: the files are
 * shared out to {@link #THREADS} threads (the query's own and the scan pool's), each filters its batches,
 * groups the rows and accumulates into its own partial state, and the partial states are merged at the end.
 * The rows it answers are those Calcite's EnumerableAggregate would, in the same Java types; which plans
 * take this path is {@link VectorPlans}' choice. Public for the code Calcite generates, which calls
 * {@link #rows}.
 */
public final class VectorAggregation {
    /** Threads a query's scan uses, its own included. */
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lakelet-vector-scan");
        t.setDaemon(true);
        return t;
    });

    private final LakeTable table;
    private final RelDataType tableRowType;
    private final RexBuilder rex;
    private final List<RexNode> scanFilters;
    private final List<RexNode> conditions;
    private final List<RexNode> keys;
    private final List<AggregateCall> calls;
    private final List<RexNode> args;
    private final RelDataType rowType;
    private final int[] used;

    VectorAggregation(LakeTable table, RelDataType tableRowType, RexBuilder rex, List<RexNode> scanFilters,
                      List<RexNode> conditions, List<RexNode> keys, List<AggregateCall> calls, List<RexNode> args,
                      RelDataType rowType, int[] used) {
        this.table = table;
        this.tableRowType = tableRowType;
        this.rex = rex;
        this.scanFilters = scanFilters;
        this.conditions = conditions;
        this.keys = keys;
        this.calls = calls;
        this.args = args;
        this.rowType = rowType;
        this.used = used;
    }

    /** Whether every part compiles (the plan takes this path only then). */
    boolean compiles() {
        try {
            new Partial();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The aggregated rows; the work is done when the first row is asked for. */
    public Enumerable<Object[]> rows(DataContext root) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return Linq4j.enumerator(compute(root.getTypeFactory()));
            }
        };
    }

    private List<Object[]> compute(JavaTypeFactory types) {
        QueryRun run = table.run();
        List<DataFile> files = table.files(types, tableRowType, scanFilters);
        VectorSources sources = new VectorSources(run, table.format(tableRowType), table.dataWidth(),
                table.partitionWidth(), used, scanFilters);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.max(1, Math.min(THREADS, files.size()));
        List<Future<Partial>> others = new ArrayList<>();
        List<Partial> partials = new ArrayList<>();
        try {
            for (int w = 1; w < workers; w++) {
                others.add(POOL.submit(() -> scan(files, next, sources)));
            }
            partials.add(scan(files, next, sources));
            for (Future<Partial> f : others) {
                partials.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancellation().cancel();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            // After a failure in one thread the others take no further file (the one they read, they finish).
            next.set(Integer.MAX_VALUE / 2);
            for (Future<Partial> f : others) {
                f.cancel(false);
            }
        }
        return merge(partials);
    }

    private Partial scan(List<DataFile> files, AtomicInteger next, VectorSources sources) {
        Partial p = new Partial();
        VectorExprs.Batch batch = sources.newBatch(tableRowType);
        ScanBuffers buffers = new ScanBuffers();
        for (int f = next.getAndIncrement(); f < files.size(); f = next.getAndIncrement()) {
            try {
                sources.read(files.get(f), batch, buffers, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private List<Object[]> merge(List<Partial> partials) {
        Map<List<Object>, Integer> groups = new HashMap<>();
        List<Object[]> keyValues = new ArrayList<>();
        VectorAccumulators.Acc[] total = new Partial().accs;
        for (Partial p : partials) {
            for (int g = 0; g < p.groups.size(); g++) {
                Object[] kv = keys.isEmpty() ? new Object[0] : p.groups.keyValues(g);
                Integer to = groups.get(Arrays.asList(kv));
                if (to == null) {
                    to = keyValues.size();
                    groups.put(Arrays.asList(kv), to);
                    keyValues.add(kv);
                    for (VectorAccumulators.Acc a : total) {
                        a.ensure(to + 1);
                    }
                }
                for (int a = 0; a < total.length; a++) {
                    total[a].merge(to, p.accs[a], g);
                }
            }
        }
        if (keys.isEmpty() && keyValues.isEmpty()) {
            keyValues.add(new Object[0]);
        }
        List<Object[]> out = new ArrayList<>(keyValues.size());
        List<org.apache.calcite.rel.type.RelDataTypeField> fields = rowType.getFieldList();
        for (int g = 0; g < keyValues.size(); g++) {
            Object[] row = new Object[fields.size()];
            for (int k = 0; k < keys.size(); k++) {
                row[k] = VectorAccumulators.javaValue(keyValues.get(g)[k], fields.get(k).getType());
            }
            for (int a = 0; a < total.length; a++) {
                row[keys.size() + a] = total[a].result(g, fields.get(keys.size() + a).getType());
            }
            out.add(row);
        }
        return out;
    }

    /** One thread's compiled expressions, groups and accumulators. */
    private final class Partial implements VectorSources.Sink {
        private final VectorExprs.Expr[] conditionExprs;
        private final VectorExprs.Expr[] keyExprs;
        private final VectorExprs.Expr[] argExprs;
        final VectorAccumulators.Acc[] accs;
        final VectorGroups groups;
        private final int[] sel = new int[Vec.BATCH];
        private final int[] group = new int[Vec.BATCH];
        private final GroupedRows rows = new GroupedRows();
        private final Vec[] keyVecs;
        private final Map<RexNode, VectorExprs.Expr> memo = new HashMap<>();

        Partial() {
            conditionExprs = RangeFilter.fuse(compileAll(conditions));
            keyExprs = compileAll(keys);
            argExprs = compileAll(args);
            Vec.Kind[] kinds = new Vec.Kind[keyExprs.length];
            for (int k = 0; k < kinds.length; k++) {
                kinds[k] = keyExprs[k].kind;
            }
            groups = new VectorGroups(kinds);
            keyVecs = new Vec[keyExprs.length];
            accs = new VectorAccumulators.Acc[calls.size()];
            for (int a = 0; a < accs.length; a++) {
                VectorExprs.Expr arg = argExprs[a];
                accs[a] = VectorAccumulators.of(calls.get(a), arg == null ? null : arg.kind, arg == null ? 0 : arg.scale);
                if (accs[a] == null) {
                    throw new IllegalStateException("not vectorised: " + calls.get(a));
                }
            }
        }

        private VectorExprs.Expr[] compileAll(List<RexNode> nodes) {
            VectorExprs.Expr[] out = new VectorExprs.Expr[nodes.size()];
            for (int i = 0; i < out.length; i++) {
                if (nodes.get(i) != null) {
                    out[i] = VectorExprs.compile(nodes.get(i), rex, memo);
                    if (out[i] == null) {
                        throw new IllegalStateException("not vectorised: " + nodes.get(i));
                    }
                }
            }
            return out;
        }

        @Override
        public void accept(VectorExprs.Batch b) {
            int n = b.rows;
            for (int i = 0; i < n; i++) {
                sel[i] = i;
            }
            for (VectorExprs.Expr c : conditionExprs) {
                n = VectorExprs.filter(c, b, sel, n, sel);
                if (n == 0) {
                    return;
                }
            }
            b.epoch++;
            for (int k = 0; k < keyExprs.length; k++) {
                keyVecs[k] = keyExprs[k].eval(b, sel, n);
            }
            groups.assign(keyVecs, sel, n, group);
            int size = groups.size();
            rows.reset(sel, group, n, size, keyExprs.length == 0);
            for (int a = 0; a < accs.length; a++) {
                accs[a].ensure(size);
                accs[a].add(rows, argExprs[a] == null ? null : argExprs[a].eval(b, sel, n));
            }
        }

        @Override
        public void endOfSource() {
            groups.endOfSource();
        }
    }
}
