package io.lakelet.cloudwatch.api;

import static io.lakelet.cloudwatch.CloudWatchErrors.combination;
import static io.lakelet.cloudwatch.CloudWatchErrors.invalid;
import static io.lakelet.cloudwatch.CloudWatchErrors.missing;
import static io.lakelet.cloudwatch.CloudWatchErrors.tooMany;

import io.lakelet.cloudwatch.MetricStore;
import io.lakelet.cloudwatch.model.Aggregate;
import io.lakelet.cloudwatch.model.MetricId;
import io.lakelet.core.http.RequestContext;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;

/**
 * GetMetricStatistics: the data of one metric (dimensions matched exactly) in {@code [StartTime, EndTime)},
 * one datapoint per period and unit, in time order. Percentiles come from the stored raw values; a period
 * whose percentile is unavailable (statistic sets, negative values) has no such extended statistic.
 */
public final class GetMetricStatistics {
    static final List<String> STATISTICS = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    static final int MAX_DATAPOINTS = 1440;

    private final MetricStore store;

    public GetMetricStatistics(MetricStore store) {
        this.store = store;
    }

    public GetMetricStatisticsResponse get(RequestContext ctx, GetMetricStatisticsRequest req) {
        String namespace = Params.required(req.namespace(), "Namespace", 255);
        String name = Params.required(req.metricName(), "MetricName", 255);
        List<MetricId.Dim> dims = Params.dimensions(req.dimensions(), req.hasDimensions(), "Dimensions");
        Instant start = req.startTime();
        Instant end = req.endTime();
        if (start == null) {
            throw missing("StartTime");
        }
        if (end == null) {
            throw missing("EndTime");
        }
        int period = Params.period(req.period(), "Period");
        List<String> stats = req.hasStatistics() ? req.statisticsAsStrings() : List.of();
        List<String> extended = req.hasExtendedStatistics() ? req.extendedStatistics() : List.of();
        if (stats.isEmpty() && extended.isEmpty()) {
            throw combination("Must specify either Statistics or ExtendedStatistics");
        }
        if (stats.size() > 5) {
            throw tooMany("Statistics", 5);
        }
        if (extended.size() > 10) {
            throw tooMany("ExtendedStatistics", 10);
        }
        for (int i = 0; i < stats.size(); i++) {
            if (!STATISTICS.contains(stats.get(i))) {
                throw invalid("The parameter Statistics.member." + (i + 1) + " must be a value in the set "
                        + STATISTICS + ".");
            }
        }
        for (int i = 0; i < extended.size(); i++) {
            if (!Aggregate.PERCENTILE.matcher(extended.get(i)).matches()) {
                throw invalid("The parameter ExtendedStatistics.member." + (i + 1)
                        + " must be a percentile between p0 and p100, e.g. p99.9.");
            }
        }
        String unit = Params.unit(req.unitAsString(), "Unit");
        if (!start.isBefore(end)) {
            throw invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        long requested = (end.toEpochMilli() - Series.alignedStart(start, period).toEpochMilli()) / (1000L * period);
        if (requested > MAX_DATAPOINTS) {
            NumberFormat nf = NumberFormat.getIntegerInstance(Locale.US);
            throw combination("You have requested up to " + nf.format(requested) + " datapoints, which exceeds the limit of "
                    + nf.format(MAX_DATAPOINTS) + ". You may reduce the datapoints requested by increasing Period,"
                    + " or decreasing the time range.");
        }

        List<Datapoint> points = new ArrayList<>();
        Series.periods(store, ctx.accountId(), ctx.region(), new MetricId(namespace, name, dims), start, end, period,
                unit, true).forEach((bucket, byUnit) -> byUnit.forEach((u, agg) -> {
                    if (agg.isEmpty()) {
                        return;
                    }
                    Datapoint.Builder p = Datapoint.builder().timestamp(bucket).unit(u);
                    for (String s : stats) {
                        switch (s) {
                            case "SampleCount" -> p.sampleCount(agg.sampleCount());
                            case "Average" -> p.average(agg.average());
                            case "Sum" -> p.sum(agg.sum());
                            case "Minimum" -> p.minimum(agg.minimum());
                            case "Maximum" -> p.maximum(agg.maximum());
                            default -> throw new IllegalStateException(s);
                        }
                    }
                    if (!extended.isEmpty()) {
                        Map<String, Double> ext = new LinkedHashMap<>();
                        for (String e : extended) {
                            Double v = agg.statistic(e);
                            if (v != null) {
                                ext.put(e, v);
                            }
                        }
                        p.extendedStatistics(ext);
                    }
                    points.add(p.build());
                }));
        return GetMetricStatisticsResponse.builder().label(name).datapoints(points).build();
    }
}
