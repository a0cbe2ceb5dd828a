package io.lakelet.sql.query;

/**
 * The selected rows of one batch with the group of each ({@code group[k]} for row {@code sel[k]}), and,
 * when there are few groups, the same rows ordered by group.
 *
 * <p>Why the order: adding row after row into {@code sums[group[k]]} makes each addition wait for the last
 * one to the same group to be stored and loaded again, which is most of what an aggregate with a few groups
 * (TPC-H Q1 has four) costs. Once the rows are ordered by group (a counting sort, one pass shared by every
 * aggregate of the batch), each aggregate adds a group's rows into a local variable instead, and a count of
 * rows is the length of the group's run. With no GROUP BY every row is in group 0 and nothing is ordered.
 */
final class GroupedRows {
    /** Above this many groups the rows are not ordered: the per-group arrays would cost more than they save. */
    static final int MAX_ORDERED_GROUPS = 1024;

    int[] sel;
    int[] group;
    int n;
    /** Every row is in group 0 (an aggregate without GROUP BY). */
    boolean single;
    private int groups;

    private boolean ordered;
    /** The groups present in the batch, in order of first appearance. */
    private final int[] present = new int[Vec.BATCH];
    private int presentCount;
    /** By group: the number of rows (then the run's end while placing), 0 for groups not present. */
    private int[] counts = new int[16];
    /** Row indices ({@code sel} values) grouped: the run of {@code present[t]} starts at {@code starts[t]}. */
    private final int[] rows = new int[Vec.BATCH];
    private final int[] starts = new int[Vec.BATCH + 1];

    /** Takes a new batch's rows and groups ({@code groups} is how many exist so far). */
    void reset(int[] sel, int[] group, int n, int groups, boolean single) {
        this.sel = sel;
        this.group = group;
        this.n = n;
        this.groups = groups;
        this.single = single;
        this.ordered = false;
    }

    /** Whether {@link #order} may be called for this batch. */
    boolean orderable() {
        return !single && groups <= MAX_ORDERED_GROUPS;
    }

    /** Orders the rows by group, once per batch; {@link #runs} and friends are valid after it. */
    void order() {
        if (ordered) {
            return;
        }
        if (counts.length < groups) {
            counts = new int[Math.max(groups, counts.length * 2)];
        }
        int[] c = counts;
        int p = 0;
        for (int k = 0; k < n; k++) {
            int g = group[k];
            if (c[g]++ == 0) {
                present[p++] = g;
            }
        }
        presentCount = p;
        int at = 0;
        for (int t = 0; t < p; t++) {
            int g = present[t];
            starts[t] = at;
            at += c[g];
            c[g] = starts[t];
        }
        starts[p] = at;
        for (int k = 0; k < n; k++) {
            rows[c[group[k]]++] = sel[k];
        }
        for (int t = 0; t < p; t++) {
            c[present[t]] = 0;
        }
        ordered = true;
    }

    /** How many groups the ordered batch has. */
    int runs() {
        return presentCount;
    }

    /** The group of run {@code t}. */
    int runGroup(int t) {
        return present[t];
    }

    /** Where run {@code t} starts in {@link #orderedRows}; it ends where run {@code t + 1} starts. */
    int runStart(int t) {
        return starts[t];
    }

    /** The row indices of the batch, grouped into runs. */
    int[] orderedRows() {
        return rows;
    }
}
