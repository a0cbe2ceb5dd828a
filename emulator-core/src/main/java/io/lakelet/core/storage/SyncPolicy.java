package io.lakelet.core.storage;

import java.util.Locale;

/**
 * When an acknowledged write reaches the disk ({@code LAKELET_SYNC}).
 *
 * <ul>
 *   <li>{@link #ALWAYS}: each write is fsynced before it is acknowledged; survives power loss.</li>
 *   <li>{@link #INTERVAL} (the default): each write goes to the write-ahead log before it is acknowledged
 *       and the log is fsynced every {@code LAKELET_SYNC_INTERVAL_MS} (1000). A killed process
 *       ({@code kill -9}) loses nothing, since the log is in the operating system's hands; a power cut may
 *       lose the last interval.</li>
 *   <li>{@link #NONE}: no write-ahead log; data reaches disk on flush and on a clean shutdown only. For
 *       throwaway CI runs where speed matters more than surviving a crash.</li>
 * </ul>
 */
public enum SyncPolicy {
    ALWAYS, INTERVAL, NONE;

    public static SyncPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LAKELET_SYNC must be always, interval or none, not '" + value + "'", e);
        }
    }
}
