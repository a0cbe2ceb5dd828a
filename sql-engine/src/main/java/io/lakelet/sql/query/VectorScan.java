package io.lakelet.sql.query;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The rows of a lake table that pass its pushed filters, read on column vectors: one thread per core
 * (from {@link VectorAggregation}'s pool) reads files into batches, keeps the rows every condition holds
 * for and turns only those into {@code Object[]} rows of the projected columns, in chunks handed to the
 * query's thread through a small bounded queue (so a slow consumer holds the readers back, and memory
 * stays bounded). Rows come file by file but the files interleave: as in Athena, a query without ORDER BY
 * has no order. Closing the enumerator (a LIMIT reached, a cancelled query) stops the readers.
 * Public for the code Calcite generates, which calls {@link #rows}.
 */
public final class VectorScan {
    private static final int CHUNK = 1024;
    private static final Object END = new Object();

    private final LakeTable table;
    private final RelDataType tableRowType;
    private final RexBuilder rex;
    private final List<RexNode> scanFilters;
    private final List<RexNode> conditions;
    private final int[] projects;
    private final int[] used;

    VectorScan(LakeTable table, RelDataType tableRowType, RexBuilder rex, List<RexNode> scanFilters,
               List<RexNode> conditions, int[] projects, int[] used) {
        this.table = table;
        this.tableRowType = tableRowType;
        this.rex = rex;
        this.scanFilters = scanFilters;
        this.conditions = conditions;
        this.projects = projects;
        this.used = used;
    }

    /** Whether every condition compiles (the plan takes this path only then). */
    boolean compiles() {
        Map<RexNode, VectorExprs.Expr> memo = new HashMap<>();
        for (RexNode c : conditions) {
            if (VectorExprs.compile(c, rex, memo) == null) {
                return false;
            }
        }
        return true;
    }

    public Enumerable<Object[]> rows(DataContext root) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new Rows(root);
            }
        };
    }

    /** The consumer side: chunks from the queue, row by row. */
    private final class Rows implements Enumerator<Object[]> {
        private final DataContext root;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2 * VectorAggregation.THREADS + 2);
        private final AtomicBoolean closed = new AtomicBoolean();
        private int running = -1;
        private List<Object[]> chunk = List.of();
        private int index;
        private Object[] current;

        Rows(DataContext root) {
            this.root = root;
        }

        private void start() {
            QueryRun run = table.run();
            List<DataFile> files = table.files(root.getTypeFactory(), tableRowType, scanFilters);
            VectorSources sources = new VectorSources(run, table.format(tableRowType), table.dataWidth(),
                    table.partitionWidth(), used, scanFilters);
            AtomicInteger next = new AtomicInteger();
            running = Math.max(1, Math.min(VectorAggregation.THREADS, files.size()));
            for (int w = 0; w < running; w++) {
                VectorAggregation.POOL.execute(() -> produce(files, next, sources));
            }
        }

        private void produce(List<DataFile> files, AtomicInteger next, VectorSources sources) {
            Object last = END;
            try {
                Reader reader = new Reader(this);
                VectorExprs.Batch batch = sources.newBatch(tableRowType);
                ScanBuffers buffers = new ScanBuffers();
                for (int f = next.getAndIncrement(); f < files.size() && !closed.get(); f = next.getAndIncrement()) {
                    sources.read(files.get(f), batch, buffers, reader);
                }
                reader.flush();
            } catch (Stopped e) {
                // The consumer went away.
            } catch (IOException | RuntimeException | Error e) {
                last = e;
            }
            try {
                hand(last);
            } catch (Stopped e) {
                // Nobody is waiting for it.
            }
        }

        /** Puts a chunk, the end or a failure in the queue, giving up once the consumer is gone. */
        void hand(Object item) {
            try {
                while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    if (closed.get() || table.run().cancellation().isCancelled()) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }

        @Override
        public Object[] current() {
            if (current == null) {
                throw new NoSuchElementException();
            }
            return current;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean moveNext() {
            if (running < 0) {
                start();
            }
            while (index == chunk.size()) {
                if (running == 0) {
                    current = null;
                    return false;
                }
                Object item;
                try {
                    item = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("interrupted", e);
                }
                table.run().cancellation().check();
                if (item == null) {
                    continue;
                }
                if (item == END) {
                    running--;
                } else if (item instanceof RuntimeException e) {
                    close();
                    throw e;
                } else if (item instanceof Error e) {
                    close();
                    throw e;
                } else if (item instanceof IOException e) {
                    close();
                    throw new java.io.UncheckedIOException(e);
                } else {
                    chunk = (List<Object[]>) item;
                    index = 0;
                }
            }
            current = chunk.get(index++);
            return true;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed.set(true);
            queue.clear();
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** The producer side, one per thread: filters each batch and turns the surviving rows into chunks. */
    private final class Reader implements VectorSources.Sink {
        private final Rows rows;
        private final VectorExprs.Expr[] conditionExprs;
        private final int[] sel = new int[Vec.BATCH];
        private final SqlTypeName[] types;
        private final Vec[] out;
        private List<Object[]> chunk = new ArrayList<>(CHUNK);

        Reader(Rows rows) {
            this.rows = rows;
            Map<RexNode, VectorExprs.Expr> memo = new HashMap<>();
            VectorExprs.Expr[] compiled = new VectorExprs.Expr[conditions.size()];
            for (int i = 0; i < compiled.length; i++) {
                compiled[i] = VectorExprs.compile(conditions.get(i), rex, memo);
            }
            conditionExprs = RangeFilter.fuse(compiled);
            types = new SqlTypeName[projects.length];
            out = new Vec[projects.length];
            for (int p = 0; p < projects.length; p++) {
                types[p] = tableRowType.getFieldList().get(projects[p]).getType().getSqlTypeName();
            }
        }

        @Override
        public void accept(VectorExprs.Batch b) {
            if (rows.closed.get()) {
                throw new Stopped();
            }
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
            for (int p = 0; p < projects.length; p++) {
                out[p] = b.column(projects[p], sel, n);
            }
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                Object[] row = new Object[projects.length];
                for (int p = 0; p < projects.length; p++) {
                    row[p] = value(out[p], i, types[p]);
                }
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    flush();
                }
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                rows.hand(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }

        @Override
        public void endOfSource() {
            // Rows hold Strings and boxed values only: nothing points into the pages.
        }
    }

    /** Row {@code i} of {@code v} as the Java value Calcite's code holds a {@code type} in. */
    static Object value(Vec v, int i, SqlTypeName type) {
        if (v.isNull(i)) {
            return null;
        }
        return switch (v.kind) {
            case LONG -> switch (type) {
                case BIGINT, TIMESTAMP -> v.longs[i];
                case INTEGER, DATE -> (int) v.longs[i];
                case SMALLINT -> (short) v.longs[i];
                case TINYINT -> (byte) v.longs[i];
                case BOOLEAN -> v.longs[i] != 0;
                default -> v.longs[i];
            };
            case DECIMAL -> v.wide != null ? v.wide[i] : BigDecimal.valueOf(v.longs[i], v.scale);
            case DOUBLE -> type == SqlTypeName.REAL ? (Object) (float) v.doubles[i] : (Object) v.doubles[i];
            case STRING -> v.string(i);
        };
    }
}
