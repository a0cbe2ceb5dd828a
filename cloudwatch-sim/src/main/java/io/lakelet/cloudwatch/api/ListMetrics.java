package io.lakelet.cloudwatch.api;

import static io.lakelet.cloudwatch.CloudWatchErrors.invalidValue;
import static io.lakelet.cloudwatch.CloudWatchErrors.tooMany;

import io.lakelet.cloudwatch.MetricStore;
import io.lakelet.cloudwatch.model.MetricId;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.storage.Scan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/**
 * ListMetrics: metrics that have received data, filtered by namespace, name, dimension filters (a name,
 * or a name and value; a metric must have every filtered dimension and may have more) and RecentlyActive
 * (PT3H: data received in the last three hours), 500 a page in a stable order.
 */
public final class ListMetrics {
    static final int PAGE = 500;
    private static final Duration RECENT = Duration.ofHours(3);

    private final MetricStore store;
    private final Clock clock;

    public ListMetrics(MetricStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Filter(String name, String value) {
    }

    public ListMetricsResponse list(RequestContext ctx, ListMetricsRequest req) {
        String namespace = Params.optional(req.namespace(), "Namespace", 255);
        String metricName = Params.optional(req.metricName(), "MetricName", 255);
        List<Filter> filters = new ArrayList<>();
        if (req.hasDimensions()) {
            if (req.dimensions().size() > 10) {
                throw tooMany("Dimensions", 10);
            }
            for (int i = 0; i < req.dimensions().size(); i++) {
                DimensionFilter f = req.dimensions().get(i);
                String at = "Dimensions.member." + (i + 1);
                filters.add(new Filter(Params.required(f.name(), at + ".Name", 255),
                        Params.optional(f.value(), at + ".Value", 1024)));
            }
        }
        Instant activeSince = null;
        if (req.recentlyActiveAsString() != null) {
            if (!"PT3H".equals(req.recentlyActiveAsString())) {
                throw invalidValue(req.recentlyActiveAsString(), "RecentlyActive");
            }
            activeSince = clock.instant().minus(RECENT);
        }
        String account = ctx.accountId();
        byte[] from = null;
        if (req.nextToken() != null) {
            try {
                from = Base64.getUrlDecoder().decode(req.nextToken());
            } catch (IllegalArgumentException e) {
                throw invalidValue(req.nextToken(), "NextToken");
            }
            if (!MetricStore.inScope(account, ctx.region(), from)) {
                throw invalidValue(req.nextToken(), "NextToken");
            }
        }
        boolean linked = Boolean.TRUE.equals(req.includeLinkedAccounts());
        boolean otherAccount = req.owningAccount() != null && !req.owningAccount().equals(account);

        List<Metric> metrics = new ArrayList<>();
        String next = null;
        if (!otherAccount) {
            try (Scan scan = store.listScan(account, ctx.region(), namespace, metricName, from)) {
                for (Scan.Entry e : scan) {
                    MetricStore.Listed listed = MetricStore.listed(account, ctx.region(), e);
                    if (!matches(listed, metricName, filters, activeSince)) {
                        continue;
                    }
                    if (metrics.size() == PAGE) {
                        next = Base64.getUrlEncoder().withoutPadding().encodeToString(listed.key());
                        break;
                    }
                    metrics.add(toMetric(listed.metric()));
                }
            }
        }
        ListMetricsResponse.Builder out = ListMetricsResponse.builder().metrics(metrics).nextToken(next);
        if (linked) {
            out.owningAccounts(metrics.stream().map(m -> account).toList());
        }
        return out.build();
    }

    private static boolean matches(MetricStore.Listed listed, String metricName, List<Filter> filters,
                                   Instant activeSince) {
        MetricId m = listed.metric();
        if (metricName != null && !metricName.equals(m.metricName())) {
            return false;
        }
        if (activeSince != null && listed.lastReceived().isBefore(activeSince)) {
            return false;
        }
        Map<String, String> dims = m.dimensionMap();
        for (Filter f : filters) {
            String v = dims.get(f.name());
            if (v == null || f.value() != null && !f.value().equals(v)) {
                return false;
            }
        }
        return true;
    }

    static Metric toMetric(MetricId m) {
        return Metric.builder().namespace(m.namespace()).metricName(m.metricName())
                .dimensions(m.dimensions().stream()
                        .map(d -> Dimension.builder().name(d.name()).value(d.value()).build()).toList())
                .build();
    }
}
