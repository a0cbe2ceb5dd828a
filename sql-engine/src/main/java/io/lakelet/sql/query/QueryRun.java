package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.Session;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one query's scans share: who runs it, the ports, its cancellation flag and the count of bytes read
 * from the object store (DataScannedInBytes), and whether it names the hidden columns {@code $path} and
 * {@code $file_size} (only then do tables expose them, so that {@code SELECT *} never shows them).
 */
record QueryRun(Session session, Catalog catalog, ObjectStore store, Cancellation cancellation,
                LongAdder bytesScanned, boolean hiddenColumns) {

    String account() {
        return session.account();
    }

    String region() {
        return session.region();
    }
}
