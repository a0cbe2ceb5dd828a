package io.lakelet.cloudwatch.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics of the samples in one period: sample count, sum, minimum, maximum, average, and
 * percentiles. Percentiles are computed exactly (nearest rank) from the raw values; they are unavailable
 * (null) when a statistic set with more than one distinct value contributed, or when any value is negative,
 * which are the cases where CloudWatch has no percentile either.
 */
public final class Aggregate {
    /** {@code p99}, {@code p99.9}, {@code p0}, {@code p100}. */
    public static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,10})?|100(\\.0{1,10})?)");
    private static final List<String> STATISTICS = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

    private double sampleCount;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final List<double[]> raw = new ArrayList<>();
    private boolean percentilesAvailable = true;
    private boolean sorted;

    public void add(Sample s) {
        if (s.isStatisticSet()) {
            double[] st = s.stats();
            sampleCount += st[0];
            sum += st[1];
            min = Math.min(min, st[2]);
            max = Math.max(max, st[3]);
            if (st[0] == 1 || st[2] == st[3]) {
                addRaw(st[2], st[0]);
            } else {
                percentilesAvailable = false;
            }
            return;
        }
        double[] values = s.values();
        double[] counts = s.counts();
        for (int i = 0; i < values.length; i++) {
            double c = counts[i];
            if (c <= 0) {
                continue;
            }
            sampleCount += c;
            sum += values[i] * c;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
            addRaw(values[i], c);
        }
    }

    private void addRaw(double value, double count) {
        if (value < 0) {
            percentilesAvailable = false;
        }
        raw.add(new double[] {value, count});
        sorted = false;
    }

    public boolean isEmpty() {
        return sampleCount <= 0;
    }

    public double sampleCount() {
        return sampleCount;
    }

    public double sum() {
        return sum;
    }

    public double minimum() {
        return min;
    }

    public double maximum() {
        return max;
    }

    public double average() {
        return sum / sampleCount;
    }

    /** Whether {@code name} is a statistic this class computes (one of the five, or a percentile). */
    public static boolean isStatistic(String name) {
        return STATISTICS.contains(name) || PERCENTILE.matcher(name).matches();
    }

    /** The named statistic (SampleCount, Average, Sum, Minimum, Maximum, pNN), or null when unavailable. */
    public Double statistic(String name) {
        return switch (name) {
            case "SampleCount" -> sampleCount;
            case "Average" -> average();
            case "Sum" -> sum;
            case "Minimum" -> min;
            case "Maximum" -> max;
            default -> {
                Matcher m = PERCENTILE.matcher(name);
                yield m.matches() ? percentile(Double.parseDouble(name.substring(1))) : null;
            }
        };
    }

    /** The nearest-rank percentile of the raw values, or null when it is unavailable. */
    public Double percentile(double p) {
        if (!percentilesAvailable || raw.isEmpty()) {
            return null;
        }
        if (!sorted) {
            raw.sort(Comparator.comparingDouble(v -> v[0]));
            sorted = true;
        }
        double total = 0;
        for (double[] v : raw) {
            total += v[1];
        }
        double rank = Math.max(Math.ceil(p / 100.0 * total), 1);
        double seen = 0;
        for (double[] v : raw) {
            seen += v[1];
            if (seen >= rank) {
                return v[0];
            }
        }
        return raw.get(raw.size() - 1)[0];
    }
}
