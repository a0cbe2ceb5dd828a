package io.lakelet.cloudwatch.api;

import io.lakelet.cloudwatch.MetricStore;
import io.lakelet.cloudwatch.model.Aggregate;
import io.lakelet.cloudwatch.model.MetricId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored data of one metric grouped into periods. Periods start at the start time rounded down to the
 * minute (to the second for high-resolution periods under 60 s) and follow each other without gaps; a
 * datum belongs to the period its timestamp falls in.
 */
final class Series {
    private Series() {
    }

    /** The aligned start of the first period. */
    static Instant alignedStart(Instant start, int period) {
        return start.truncatedTo(period % 60 == 0 ? ChronoUnit.MINUTES : ChronoUnit.SECONDS);
    }

    /**
     * Period start to unit to aggregate; with {@code unit} given only data of that unit count, and with
     * {@code byUnit} false all units fall into one aggregate per period (keyed by the empty string).
     */
    static TreeMap<Instant, Map<String, Aggregate>> periods(MetricStore store, String account, String region,
                                                            MetricId metric, Instant start, Instant end, int period,
                                                            String unit, boolean byUnit) {
        Instant first = alignedStart(start, period);
        long periodMillis = period * 1000L;
        TreeMap<Instant, Map<String, Aggregate>> out = new TreeMap<>();
        store.samples(account, region, metric, first, end, (t, sample) -> {
            if (unit != null && !unit.equals(sample.unit())) {
                return;
            }
            long index = (t.toEpochMilli() - first.toEpochMilli()) / periodMillis;
            Instant bucket = first.plusMillis(index * periodMillis);
            out.computeIfAbsent(bucket, b -> new HashMap<>())
                    .computeIfAbsent(byUnit ? sample.unit() : "", u -> new Aggregate()).add(sample);
        });
        return out;
    }
}
