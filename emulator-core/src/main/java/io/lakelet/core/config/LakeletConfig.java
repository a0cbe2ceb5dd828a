package io.lakelet.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lakelet's configuration: environment variables with the {@code LAKELET_} prefix, each mirrored by a
 * {@code -Dlakelet.*} system property ({@code LAKELET_DATA_DIR} and {@code -Dlakelet.data.dir}). A system
 * property wins over the environment; explicit overrides (used by tests and embedders) win over both.
 *
 * <p>Every key Lakelet reads is declared in {@link Keys}, so the README table and the code cannot drift.
 */
public final class LakeletConfig {

    /** The keys Lakelet reads, with their defaults. */
    public static final class Keys {
        public static final String PORT = "LAKELET_PORT";
        public static final String HOST = "LAKELET_HOST";
        public static final String DATA_DIR = "LAKELET_DATA_DIR";
        public static final String SYNC = "LAKELET_SYNC";
        public static final String SYNC_INTERVAL_MS = "LAKELET_SYNC_INTERVAL_MS";
        public static final String BLOB_CACHE_MB = "LAKELET_BLOB_CACHE_MB";
        public static final String ACCOUNT = "LAKELET_ACCOUNT";
        public static final String REGION = "LAKELET_REGION";
        public static final String SERVICES = "LAKELET_SERVICES";
        public static final String STATE_DELAY_MS = "LAKELET_STATE_DELAY_MS";
        public static final String TLS = "LAKELET_TLS";
        public static final String WORKER_THREADS = "LAKELET_WORKER_THREADS";
        public static final String TRANSPORT = "LAKELET_TRANSPORT";
        public static final String LOG_LEVEL = "LAKELET_LOG_LEVEL";

        private Keys() {
        }
    }

    private final Map<String, String> env;
    private final Map<String, String> overrides;

    private LakeletConfig(Map<String, String> env, Map<String, String> overrides) {
        this.env = env;
        this.overrides = overrides;
    }

    /** The configuration of this process: its environment and system properties. */
    public static LakeletConfig fromEnvironment() {
        return new LakeletConfig(System.getenv(), Map.of());
    }

    /** Only the given values and system properties; the process environment is ignored (for tests). */
    public static LakeletConfig of(Map<String, String> values) {
        return new LakeletConfig(Map.of(), Map.copyOf(values));
    }

    /** This configuration with some keys set to other values. */
    public LakeletConfig with(String key, String value) {
        Map<String, String> copy = new HashMap<>(overrides);
        copy.put(key, value);
        return new LakeletConfig(env, Map.copyOf(copy));
    }

    public Optional<String> get(String key) {
        String v = overrides.get(key);
        if (v == null) {
            v = System.getProperty(propertyName(key));
        }
        if (v == null) {
            v = env.get(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return get(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        }).orElse(defaultValue);
    }

    public Duration getMillis(String key, long defaultMillis) {
        return Duration.ofMillis(getLong(key, defaultMillis));
    }

    // Typed views of the common keys.

    public int port() {
        return getInt(Keys.PORT, 4566);
    }

    public String host() {
        return get(Keys.HOST, "0.0.0.0");
    }

    /** The persistent data directory, or empty for a temporary store removed on exit. */
    public Optional<Path> dataDir() {
        return get(Keys.DATA_DIR).map(Path::of);
    }

    public String defaultAccount() {
        return get(Keys.ACCOUNT, "000000000000");
    }

    public String defaultRegion() {
        return get(Keys.REGION, "us-east-1");
    }

    /** The services to start, lower-case ids; empty means all that are on the class path. */
    public Set<String> services() {
        Set<String> ids = new TreeSet<>();
        get(Keys.SERVICES).ifPresent(v -> {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    ids.add(s.trim().toLowerCase(Locale.ROOT));
                }
            }
        });
        return ids;
    }

    /** How long asynchronous resources stay in a transitional state (CREATING, UPDATING...). */
    public Duration stateDelay() {
        return getMillis(Keys.STATE_DELAY_MS, 0);
    }

    public static String propertyName(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static <T> T parse(String key, String v, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + v + "'", e);
        }
    }
}
