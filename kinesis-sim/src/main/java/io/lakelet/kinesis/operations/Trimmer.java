package io.lakelet.kinesis.operations;

import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes records older than each stream's retention period, a segment at a time, and then the files
 * left holding no segment ({@code RecordLog}). Reads already hide such records (they filter by the
 * clock), so this only reclaims space; it runs on a worker, never on the event loop. The
 * stream's sequence counter is stored first: after a restart it is recovered from the newest stored
 * record, which trimming may have removed.
 */
public final class Trimmer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Trimmer.class);

    private final KinesisRuntime rt;

    public Trimmer(KinesisRuntime rt) {
        this.rt = rt;
    }

    @Override
    public void run() {
        try {
            for (Stream s : rt.catalog().all()) {
                List<Integer> shards;
                long horizon;
                synchronized (s) {
                    if (rt.catalog().get(s.key()) != s) {
                        continue;
                    }
                    shards = s.shards().stream().map(Shard::index).toList();
                    horizon = s.trimHorizonMillis(rt.clock());
                    // The counter is stored before records go, so numbers never repeat after a restart.
                    rt.catalog().save(s);
                }
                for (int shard : shards) {
                    rt.log().trim(s.key(), shard, horizon);
                }
            }
            rt.log().collect();
        } catch (RuntimeException e) {
            LOG.warn("trimming Kinesis records failed; the next run retries", e);
        }
    }
}
