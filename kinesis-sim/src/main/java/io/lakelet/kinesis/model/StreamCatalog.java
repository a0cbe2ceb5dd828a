package io.lakelet.kinesis.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream, kept in memory and stored as JSON in RocksDB after each change. Loaded once at start;
 * the sequence counter of each stream is recovered from its newest stored records, so numbers keep
 * growing after a restart.
 */
public final class StreamCatalog {
    public static final String KEYSPACE = "kinesis.streams";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Keyspace keyspace;
    private final RecordLog log;
    private final Clock clock;
    private final Map<StreamKey, Stream> streams = new ConcurrentHashMap<>();

    public StreamCatalog(Storage storage, RecordLog log, Clock clock) {
        this.keyspace = storage.keyspace(KEYSPACE);
        this.log = log;
        this.clock = clock;
        load();
    }

    /** Reads every stored stream (again): at start, and after a reset cleared the store. */
    public void load() {
        streams.clear();
        try (Scan scan = keyspace.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                Stream s = JSON.readValue(e.value(), Stream.class);
                for (Shard shard : s.shards()) {
                    StoredRecord newest = log.newest(s.key(), shard.index());
                    if (newest != null) {
                        s.recoverCounter(newest.counter());
                    }
                }
                streams.put(s.key(), s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a stored Kinesis stream cannot be read", e);
        }
    }

    /** The stream, or null if there is none or its deletion has completed. */
    public Stream get(StreamKey key) {
        Stream s = streams.get(key);
        if (s != null && s.isDeleted(clock)) {
            purge(s);
            return null;
        }
        return s;
    }

    /** Adds a new stream unless one of that name exists; returns the existing one, or null if added. */
    public Stream addIfAbsent(Stream stream) {
        Stream existing = get(stream.key());
        if (existing != null) {
            return existing;
        }
        existing = streams.putIfAbsent(stream.key(), stream);
        if (existing == null) {
            save(stream);
        }
        return existing;
    }

    /** Stores the stream's current state; call while holding its monitor. A purged stream stays purged. */
    public void save(Stream stream) {
        if (streams.get(stream.key()) != stream) {
            return;
        }
        try {
            keyspace.put(key(stream.key()), JSON.writeValueAsBytes(stream));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a stream and its records now. */
    public void purge(Stream stream) {
        if (streams.remove(stream.key(), stream)) {
            keyspace.delete(key(stream.key()));
            log.deleteStream(stream.key());
        }
    }

    /** The streams of one account and region in name order, deleted ones purged. */
    public List<Stream> list(String account, String region) {
        return streams.values().stream()
                .filter(s -> s.account().equals(account) && s.region().equals(region))
                .filter(s -> get(s.key()) != null)
                .sorted(Comparator.comparing(Stream::name))
                .toList();
    }

    /** Every stream of every account, for background trimming. */
    public List<Stream> all() {
        return List.copyOf(streams.values());
    }

    private static byte[] key(StreamKey k) {
        return Keys.scoped(k.account(), k.region()).add(k.name()).build();
    }
}
