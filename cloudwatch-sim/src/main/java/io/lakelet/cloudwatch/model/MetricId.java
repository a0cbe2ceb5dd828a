package io.lakelet.cloudwatch.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a metric: namespace, name and dimensions. Dimensions are kept sorted by name, so the same
 * set given in any order is the same metric, as in CloudWatch.
 */
public record MetricId(String namespace, String metricName, List<Dim> dimensions) {

    /** One dimension of a metric. */
    public record Dim(String name, String value) {
    }

    public MetricId {
        List<Dim> sorted = new ArrayList<>(dimensions);
        sorted.sort(Comparator.comparing(Dim::name));
        dimensions = List.copyOf(sorted);
    }

    /** The dimensions as a name-to-value map, in name order. */
    public Map<String, String> dimensionMap() {
        Map<String, String> out = new TreeMap<>();
        dimensions.forEach(d -> out.put(d.name(), d.value()));
        return out;
    }
}
