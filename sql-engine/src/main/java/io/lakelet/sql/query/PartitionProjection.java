package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Athena's partition projection: partition values computed from table properties
 * ({@code projection.<col>.type} enum, integer, date, injected) instead of listed from the catalog, each
 * combination pruned by the filters and placed by {@code storage.location.template}.
 */
final class PartitionProjection {
    private static final long MAX_COMBINATIONS = 1_000_000;
    private static final Pattern RELATIVE = Pattern.compile(
            "NOW\\s*(?:([+-])\\s*(\\d+)\\s*(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?))?",
            Pattern.CASE_INSENSITIVE);

    private PartitionProjection() {
    }

    static List<LakeTable.Split> splits(Catalog.Table table, RelDataType rowType, int dataWidth,
                                        PartitionFilter filter) {
        Map<String, String> p = table.parameters();
        List<Catalog.Column> keys = table.partitionKeys();
        List<List<String>> domains = new ArrayList<>();
        long combinations = 1;
        for (Catalog.Column key : keys) {
            List<String> values = values(p, key.name().toLowerCase(Locale.ROOT));
            domains.add(values);
            combinations *= Math.max(1, values.size());
            if (combinations > MAX_COMBINATIONS) {
                throw new DataException("HIVE_EXCEEDED_PARTITION_LIMIT",
                        "Partition projection of table " + table.name() + " yields more than " + MAX_COMBINATIONS
                                + " partitions");
            }
        }
        List<LakeTable.Split> out = new ArrayList<>();
        String template = p.get("storage.location.template");
        int[] index = new int[keys.size()];
        for (List<String> d : domains) {
            if (d.isEmpty()) {
                return out;
            }
        }
        while (true) {
            List<String> texts = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            Object[] record = new Object[rowType.getFieldCount()];
            for (int i = 0; i < keys.size(); i++) {
                String text = domains.get(i).get(index[i]);
                texts.add(text);
                Object v = Cells.fromText(text, rowType.getFieldList().get(dataWidth + i).getType());
                values.add(v);
                record[dataWidth + i] = v;
            }
            if (filter == null || filter.accepts(record)) {
                String location;
                if (template != null) {
                    location = template;
                    for (int i = 0; i < keys.size(); i++) {
                        location = location.replace("${" + keys.get(i).name().toLowerCase(Locale.ROOT) + "}",
                                texts.get(i));
                    }
                } else {
                    String base = table.storage().location();
                    location = base + (base.endsWith("/") ? "" : "/") + Partitions.hivePath(keys, texts);
                }
                out.add(new LakeTable.Split(location, values));
            }
            int i = keys.size() - 1;
            while (i >= 0 && ++index[i] == domains.get(i).size()) {
                index[i] = 0;
                i--;
            }
            if (i < 0) {
                return out;
            }
        }
    }

    private static List<String> values(Map<String, String> p, String col) {
        String prefix = "projection." + col + ".";
        String type = p.getOrDefault(prefix + "type", "").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        switch (type) {
            case "enum" -> {
                for (String v : p.getOrDefault(prefix + "values", "").split(",")) {
                    if (!v.isBlank()) {
                        out.add(v.trim());
                    }
                }
            }
            case "integer" -> {
                String[] range = p.getOrDefault(prefix + "range", "0,0").split(",");
                long lo = Long.parseLong(range[0].trim());
                long hi = Long.parseLong(range[1].trim());
                long step = Long.parseLong(p.getOrDefault(prefix + "interval", "1").trim());
                int digits = Integer.parseInt(p.getOrDefault(prefix + "digits", "0").trim());
                for (long v = lo; v <= hi && out.size() <= MAX_COMBINATIONS; v += step) {
                    out.add(digits > 0 ? String.format(Locale.ROOT, "%0" + digits + "d", v) : Long.toString(v));
                }
            }
            case "date" -> {
                String format = p.getOrDefault(prefix + "format", "yyyy-MM-dd");
                DateTimeFormatter f = DateTimeFormatter.ofPattern(format, Locale.ROOT);
                String[] range = p.getOrDefault(prefix + "range", "").split(",");
                LocalDateTime lo = dateBound(range[0].trim(), f);
                LocalDateTime hi = dateBound(range.length > 1 ? range[1].trim() : range[0].trim(), f);
                long step = Long.parseLong(p.getOrDefault(prefix + "interval", "1").trim());
                ChronoUnit unit = unit(p.getOrDefault(prefix + "interval.unit", defaultUnit(format)));
                for (LocalDateTime t = lo; !t.isAfter(hi) && out.size() <= MAX_COMBINATIONS; t = t.plus(step, unit)) {
                    out.add(f.format(t));
                }
            }
            default -> {
                // injected and unknown types: values come only from the query, which this does not read.
            }
        }
        return out;
    }

    private static String defaultUnit(String format) {
        if (format.contains("s")) {
            return "SECONDS";
        }
        if (format.contains("m")) {
            return "MINUTES";
        }
        if (format.contains("H")) {
            return "HOURS";
        }
        if (format.contains("d")) {
            return "DAYS";
        }
        if (format.contains("M")) {
            return "MONTHS";
        }
        return "YEARS";
    }

    private static ChronoUnit unit(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (!u.endsWith("S")) {
            u = u + "S";
        }
        return ChronoUnit.valueOf(u);
    }

    private static LocalDateTime dateBound(String text, DateTimeFormatter f) {
        Matcher m = RELATIVE.matcher(text);
        if (m.matches()) {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            if (m.group(1) != null) {
                long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                now = now.plus(n, unit(m.group(3)));
            }
            return now;
        }
        var parsed = f.parse(text);
        java.time.LocalDate date = parsed.isSupported(java.time.temporal.ChronoField.DAY_OF_MONTH)
                ? java.time.LocalDate.from(parsed)
                : java.time.LocalDate.of(parsed.get(java.time.temporal.ChronoField.YEAR),
                        parsed.isSupported(java.time.temporal.ChronoField.MONTH_OF_YEAR)
                                ? parsed.get(java.time.temporal.ChronoField.MONTH_OF_YEAR) : 1, 1);
        java.time.LocalTime time = parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)
                ? java.time.LocalTime.of(parsed.get(java.time.temporal.ChronoField.HOUR_OF_DAY),
                parsed.isSupported(java.time.temporal.ChronoField.MINUTE_OF_HOUR)
                        ? parsed.get(java.time.temporal.ChronoField.MINUTE_OF_HOUR) : 0)
                : java.time.LocalTime.MIDNIGHT;
        return LocalDateTime.of(date, time);
    }
}
