package io.lakelet.cloudwatch.api;

import static io.lakelet.cloudwatch.CloudWatchErrors.exclusive;
import static io.lakelet.cloudwatch.CloudWatchErrors.invalid;
import static io.lakelet.cloudwatch.CloudWatchErrors.invalidValue;
import static io.lakelet.cloudwatch.CloudWatchErrors.missing;
import static io.lakelet.cloudwatch.CloudWatchErrors.missingMessage;
import static io.lakelet.cloudwatch.CloudWatchErrors.tooMany;

import io.lakelet.cloudwatch.MetricStore;
import io.lakelet.cloudwatch.model.MetricId;
import io.lakelet.cloudwatch.model.Sample;
import io.lakelet.core.http.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.EntityMetricData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * PutMetricData: every datum is checked before any is written, then all are written in one atomic batch,
 * so a refused request leaves nothing behind. Data in {@code EntityMetricData} are stored like the others
 * (the entity itself is not kept).
 */
public final class PutMetricData {
    static final int MAX_DATA = 1000;
    static final int MAX_VALUES = 150;

    private final MetricStore store;
    private final Clock clock;

    public PutMetricData(MetricStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public PutMetricDataResponse put(RequestContext ctx, PutMetricDataRequest req) {
        String namespace = Params.required(req.namespace(), "Namespace", 255);
        if (namespace.startsWith("AWS/")) {
            throw invalidValue(namespace, "Namespace");
        }
        boolean hasEntityData = req.hasEntityMetricData() && !req.entityMetricData().isEmpty();
        if ((!req.hasMetricData() || req.metricData().isEmpty()) && !hasEntityData) {
            throw missing("MetricData");
        }
        if (req.metricData().size() > MAX_DATA) {
            throw tooMany("MetricData", MAX_DATA);
        }
        Instant now = clock.instant();
        List<MetricStore.Put> puts = new ArrayList<>();
        for (int i = 0; i < req.metricData().size(); i++) {
            puts.add(datum(namespace, req.metricData().get(i), "MetricData.member." + (i + 1), now));
        }
        for (int e = 0; e < req.entityMetricData().size(); e++) {
            EntityMetricData entity = req.entityMetricData().get(e);
            String at = "EntityMetricData.member." + (e + 1) + ".MetricData";
            if (entity.metricData().size() > MAX_DATA) {
                throw tooMany(at, MAX_DATA);
            }
            for (int i = 0; i < entity.metricData().size(); i++) {
                puts.add(datum(namespace, entity.metricData().get(i), at + ".member." + (i + 1), now));
            }
        }
        store.putAll(ctx.accountId(), ctx.region(), puts, now);
        return PutMetricDataResponse.builder().build();
    }

    private static MetricStore.Put datum(String namespace, MetricDatum d, String p, Instant now) {
        String name = Params.required(d.metricName(), p + ".MetricName", 255);
        List<MetricId.Dim> dims = Params.dimensions(d.dimensions(), d.hasDimensions(), p + ".Dimensions");
        String unit = Params.unit(d.unitAsString(), p + ".Unit");
        int resolution = d.storageResolution() == null ? 60 : d.storageResolution();
        if (resolution != 1 && resolution != 60) {
            throw invalidValue(resolution, p + ".StorageResolution");
        }
        Instant timestamp = d.timestamp() == null ? now : d.timestamp();
        if (timestamp.isBefore(now.minus(Duration.ofDays(14)))) {
            throw invalid("The parameter " + p + ".Timestamp must specify a time within the past two weeks.");
        }
        if (timestamp.isAfter(now.plus(Duration.ofHours(2)))) {
            throw invalid("The parameter " + p + ".Timestamp must specify a time no more than two hours in the future.");
        }
        return new MetricStore.Put(new MetricId(namespace, name, dims), timestamp,
                sample(d, p, unit == null ? "None" : unit, resolution));
    }

    private static Sample sample(MetricDatum d, String p, String unit, int resolution) {
        boolean hasValues = d.hasValues();
        StatisticSet stats = d.statisticValues();
        if (d.value() != null && hasValues) {
            throw exclusive(p + ".Value", p + ".Values");
        }
        if (d.value() != null && stats != null) {
            throw exclusive(p + ".Value", p + ".StatisticValues");
        }
        if (hasValues && stats != null) {
            throw exclusive(p + ".Values", p + ".StatisticValues");
        }
        if (d.hasCounts() && (!hasValues || d.counts().size() != d.values().size())) {
            throw invalid("The parameters " + p + ".Values and " + p + ".Counts must be of the same size.");
        }
        if (d.value() != null) {
            return Sample.raw(unit, resolution, new double[] {Params.value(d.value(), p + ".Value")}, new double[] {1});
        }
        if (hasValues) {
            List<Double> values = d.values();
            if (values.size() > MAX_VALUES) {
                throw tooMany(p + ".Values", MAX_VALUES);
            }
            double[] v = new double[values.size()];
            double[] c = new double[values.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = Params.value(values.get(j), p + ".Values.member." + (j + 1));
                c[j] = d.hasCounts() ? d.counts().get(j) : 1;
                if (Double.isNaN(c[j]) || Double.isInfinite(c[j]) || c[j] < 0) {
                    throw invalidValue(c[j], p + ".Counts.member." + (j + 1));
                }
            }
            return Sample.raw(unit, resolution, v, c);
        }
        if (stats == null) {
            throw missingMessage("At least one of the parameters " + p + ".Value or " + p
                    + ".StatisticValues must be specified.");
        }
        String s = p + ".StatisticValues";
        List<String> absent = new ArrayList<>();
        if (stats.maximum() == null) {
            absent.add("The parameter " + s + ".Maximum is required.");
        }
        if (stats.minimum() == null) {
            absent.add("The parameter " + s + ".Minimum is required.");
        }
        if (stats.sampleCount() == null) {
            absent.add("The parameter " + s + ".SampleCount is required.");
        }
        if (stats.sum() == null) {
            absent.add("The parameter " + s + ".Sum is required.");
        }
        if (!absent.isEmpty()) {
            throw missingMessage(String.join("\n", absent));
        }
        double count = Params.value(stats.sampleCount(), s + ".SampleCount");
        double sum = Params.value(stats.sum(), s + ".Sum");
        double min = Params.value(stats.minimum(), s + ".Minimum");
        double max = Params.value(stats.maximum(), s + ".Maximum");
        if (max < min) {
            throw invalid("The parameter " + s + ".Maximum must be greater than " + s + ".Minimum.");
        }
        if (count <= 0) {
            throw invalid("The parameter " + s + ".SampleCount must be greater than 0.");
        }
        return Sample.statisticSet(unit, resolution, count, sum, min, max);
    }
}
