package io.lakelet.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Command-line options of the form {@code --name=value} (or {@code --flag}); each is read at most once. */
public final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new TreeSet<>();

    public Options(Iterable<String> args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                values.put(arg.substring(2), "true");
            } else {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
    }

    public String get(String name, String defaultValue) {
        read.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    public int getInt(String name, int defaultValue) {
        String v = get(name, null);
        return v == null ? defaultValue : Integer.parseInt(v.trim());
    }

    public long getLong(String name, long defaultValue) {
        String v = get(name, null);
        return v == null ? defaultValue : Long.parseLong(v.trim().replace("_", ""));
    }

    public boolean has(String name) {
        read.add(name);
        return values.containsKey(name);
    }

    /** A duration written as {@code 500ms}, {@code 5s} or {@code 1m}. */
    public Duration getDuration(String name, Duration defaultValue) {
        String v = get(name, null);
        return v == null ? defaultValue : parseDuration(v.trim());
    }

    static Duration parseDuration(String v) {
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
        }
        return Duration.ofSeconds(Long.parseLong(v));
    }

    /** Fails on options that no one read: a misspelt option must not silently run the defaults. */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
        }
    }
}
