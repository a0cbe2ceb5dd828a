package io.lakelet.cloudwatch.api;

import static io.lakelet.cloudwatch.CloudWatchErrors.invalid;
import static io.lakelet.cloudwatch.CloudWatchErrors.invalidValue;
import static io.lakelet.cloudwatch.CloudWatchErrors.missing;
import static io.lakelet.cloudwatch.CloudWatchErrors.tooMany;
import static io.lakelet.cloudwatch.CloudWatchErrors.validation;

import io.lakelet.cloudwatch.MetricStore;
import io.lakelet.cloudwatch.model.Aggregate;
import io.lakelet.cloudwatch.model.MetricId;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * GetMetricData for MetricStat queries: one value per period that has data, newest first unless
 * {@code ScanBy=TimestampAscending}, with status {@code Complete}; MaxDatapoints is honoured with a
 * NextToken that resumes where the page ended ({@code PartialData} until the last page).
 *
 * <p>Metric math expressions are not evaluated: a query with an Expression is refused with a
 * {@code ValidationError} rather than answered with made-up values.
 */
public final class GetMetricData {
    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    private static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");

    private final MetricStore store;

    public GetMetricData(MetricStore store) {
        this.store = store;
    }

    /** One query's series before paging. */
    private record Result(String id, String label, List<Instant> timestamps, List<Double> values) {
    }

    public GetMetricDataResponse get(RequestContext ctx, GetMetricDataRequest req) {
        if (!req.hasMetricDataQueries() || req.metricDataQueries().isEmpty()) {
            throw missing("MetricDataQueries");
        }
        List<MetricDataQuery> queries = req.metricDataQueries();
        if (queries.size() > MAX_QUERIES) {
            throw tooMany("MetricDataQueries", MAX_QUERIES);
        }
        Instant start = req.startTime();
        Instant end = req.endTime();
        if (start == null) {
            throw missing("StartTime");
        }
        if (end == null) {
            throw missing("EndTime");
        }
        if (!start.isBefore(end)) {
            throw invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        String scanBy = req.scanByAsString() == null ? "TimestampDescending" : req.scanByAsString();
        if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw invalidValue(scanBy, "ScanBy");
        }
        int max = req.maxDatapoints() == null ? DEFAULT_MAX_DATAPOINTS : req.maxDatapoints();
        if (max <= 0) {
            throw invalidValue(max, "MaxDatapoints");
        }
        validateQueries(queries);

        List<Result> all = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery q = queries.get(i);
            if (Boolean.FALSE.equals(q.returnData())) {
                continue;
            }
            all.add(stat(ctx, q, "MetricDataQueries.member." + (i + 1), start, end, scanBy.equals("TimestampAscending")));
        }
        return page(all, max, req.nextToken());
    }

    private static void validateQueries(List<MetricDataQuery> queries) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery q = queries.get(i);
            String p = "MetricDataQueries.member." + (i + 1);
            if (q.id() == null) {
                throw missing(p + ".Id");
            }
            if (!ID.matcher(q.id()).matches()) {
                throw validation("The value for parameter " + p + ".Id is not matching the expected pattern "
                        + ID.pattern() + ".");
            }
            if (!ids.add(q.id())) {
                throw validation("The values for parameter id in MetricDataQueries are not unique.");
            }
            if (q.expression() != null && q.metricStat() != null) {
                throw validation("The parameters " + p + ".Expression and " + p
                        + ".MetricStat are mutually exclusive and you have specified both.");
            }
            if (q.period() != null && q.metricStat() != null) {
                throw validation("The parameters " + p + ".Period and " + p
                        + ".MetricStat are mutually exclusive and you have specified both.");
            }
            if (q.expression() == null && q.metricStat() == null) {
                throw validation("The parameter " + p + ".MetricStat is required.");
            }
            if (q.expression() != null) {
                throw validation("Error in expression '" + q.id() + "': metric math expressions are not supported"
                        + " by Lakelet; query each metric with a MetricStat.");
            }
        }
    }

    private Result stat(RequestContext ctx, MetricDataQuery q, String p, Instant start, Instant end, boolean ascending) {
        MetricStat stat = q.metricStat();
        Metric metric = stat.metric();
        if (metric == null) {
            throw missing(p + ".MetricStat.Metric");
        }
        String namespace = Params.required(metric.namespace(), p + ".MetricStat.Metric.Namespace", 255);
        String name = Params.required(metric.metricName(), p + ".MetricStat.Metric.MetricName", 255);
        List<MetricId.Dim> dims = Params.dimensions(metric.dimensions(), metric.hasDimensions(),
                p + ".MetricStat.Metric.Dimensions");
        int period = Params.period(stat.period(), p + ".MetricStat.Period");
        if (stat.stat() == null) {
            throw missing(p + ".MetricStat.Stat");
        }
        if (!Aggregate.isStatistic(stat.stat())) {
            throw invalidValue(stat.stat(), p + ".MetricStat.Stat");
        }
        String unit = Params.unit(stat.unitAsString(), p + ".MetricStat.Unit");
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Map<Instant, Map<String, Aggregate>> periods = Series.periods(store, ctx.accountId(), ctx.region(),
                new MetricId(namespace, name, dims), start, end, period, unit, false);
        periods.forEach((bucket, byUnit) -> {
            Aggregate agg = byUnit.get("");
            Double v = agg == null || agg.isEmpty() ? null : agg.statistic(stat.stat());
            if (v != null) {
                timestamps.add(bucket);
                values.add(v);
            }
        });
        if (!ascending) {
            Collections.reverse(timestamps);
            Collections.reverse(values);
        }
        return new Result(q.id(), q.label() != null ? q.label() : name, timestamps, values);
    }

    /** The page of results that starts at the token's position and holds at most {@code max} datapoints. */
    private static GetMetricDataResponse page(List<Result> all, int max, String token) {
        int query = 0;
        int offset = 0;
        if (token != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                query = Integer.parseInt(parts[0]);
                offset = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw AwsException.client("InvalidNextToken", "The service couldn't process the NextToken.");
            }
            if (query < 0 || query > all.size() || offset < 0) {
                throw AwsException.client("InvalidNextToken", "The service couldn't process the NextToken.");
            }
        }
        List<MetricDataResult> results = new ArrayList<>();
        int left = max;
        String next = null;
        for (int i = query; i < all.size(); i++) {
            Result s = all.get(i);
            int from = i == query ? Math.min(offset, s.timestamps().size()) : 0;
            int to = Math.min(s.timestamps().size(), from + left);
            left -= to - from;
            boolean complete = to == s.timestamps().size();
            results.add(MetricDataResult.builder().id(s.id()).label(s.label())
                    .timestamps(s.timestamps().subList(from, to)).values(s.values().subList(from, to))
                    .statusCode(complete ? StatusCode.COMPLETE : StatusCode.PARTIAL_DATA).build());
            if (!complete) {
                next = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString((i + ":" + to).getBytes(StandardCharsets.UTF_8));
                break;
            }
            if (left == 0 && i + 1 < all.size()) {
                next = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(((i + 1) + ":0").getBytes(StandardCharsets.UTF_8));
                break;
            }
        }
        return GetMetricDataResponse.builder().metricDataResults(results).nextToken(next).messages(List.of()).build();
    }
}
