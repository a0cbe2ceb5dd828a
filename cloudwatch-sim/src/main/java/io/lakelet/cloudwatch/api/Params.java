package io.lakelet.cloudwatch.api;

import static io.lakelet.cloudwatch.CloudWatchErrors.invalid;
import static io.lakelet.cloudwatch.CloudWatchErrors.invalidValue;
import static io.lakelet.cloudwatch.CloudWatchErrors.length;
import static io.lakelet.cloudwatch.CloudWatchErrors.missing;
import static io.lakelet.cloudwatch.CloudWatchErrors.tooMany;

import io.lakelet.cloudwatch.model.MetricId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Checks of parameters that several operations share, named as on the Query wire. */
final class Params {
    static final int MAX_DIMENSIONS = 30;

    private Params() {
    }

    /** A required string of 1 to {@code max} characters. */
    static String required(String value, String parameter, int max) {
        if (value == null) {
            throw missing(parameter);
        }
        return optional(value, parameter, max);
    }

    static String optional(String value, String parameter, int max) {
        if (value != null && (value.isEmpty() || value.length() > max)) {
            throw length(parameter, 1, max);
        }
        return value;
    }

    /** A unit name, or null; an unknown one is refused with the set CloudWatch accepts. */
    static String unit(String unit, String parameter) {
        if (unit != null && StandardUnit.fromValue(unit) == StandardUnit.UNKNOWN_TO_SDK_VERSION) {
            throw invalid("The parameter " + parameter + " must be a value in the set "
                    + StandardUnit.knownValues().stream().map(StandardUnit::toString).sorted()
                    .collect(Collectors.joining(", ", "[ ", " ]")) + ".");
        }
        return unit;
    }

    /** The dimensions of a metric, checked: at most 30, names 1-255, values 1-1024, no name twice. */
    static List<MetricId.Dim> dimensions(List<Dimension> dims, boolean given, String parameter) {
        List<MetricId.Dim> out = new ArrayList<>();
        if (!given || dims == null) {
            return out;
        }
        if (dims.size() > MAX_DIMENSIONS) {
            throw tooMany(parameter, MAX_DIMENSIONS);
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < dims.size(); j++) {
            Dimension d = dims.get(j);
            String at = parameter + ".member." + (j + 1);
            String name = required(d.name(), at + ".Name", 255);
            String value = required(d.value(), at + ".Value", 1024);
            if (!seen.add(name)) {
                throw invalid("No Metric may specify the same dimension twice.");
            }
            out.add(new MetricId.Dim(name, value));
        }
        return out;
    }

    /** A period of GetMetricStatistics or a MetricStat: 1, 5, 10, 30 or a multiple of 60 seconds. */
    static int period(Integer period, String parameter) {
        if (period == null) {
            throw missing(parameter);
        }
        if (period <= 0) {
            throw invalid("The parameter " + parameter + " must be greater than 0.");
        }
        if (period < 60 ? period != 1 && period != 5 && period != 10 && period != 30 : period % 60 != 0) {
            throw invalid("The parameter " + parameter + " must be a multiple of 60.");
        }
        return period;
    }

    /** A metric value CloudWatch stores: finite and within 2^-260 to 2^360 in magnitude (or zero). */
    static double value(Double v, String parameter) {
        double d = v;
        double abs = Math.abs(d);
        if (Double.isNaN(d) || Double.isInfinite(d) || abs > 0x1p360 || abs != 0 && abs < 0x1p-260) {
            throw invalidValue(format(d), parameter);
        }
        return d;
    }

    private static String format(double d) {
        return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
    }
}
