package io.lakelet.sql;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag a running statement polls: set by StopQueryExecution, it makes the next {@link RowCursor#next()}
 * (and Calcite's own cancel checks) fail with USER_CANCELED.
 */
public final class Cancellation {
    private final AtomicBoolean flag = new AtomicBoolean();

    public void cancel() {
        flag.set(true);
    }

    public boolean isCancelled() {
        return flag.get();
    }

    /** The flag itself, for Calcite's {@code DataContext.Variable.CANCEL_FLAG}. */
    public AtomicBoolean flag() {
        return flag;
    }

    public void check() {
        if (flag.get()) {
            throw new SqlFailure("USER_CANCELED", 2, 1, "Query was canceled by user");
        }
    }
}
