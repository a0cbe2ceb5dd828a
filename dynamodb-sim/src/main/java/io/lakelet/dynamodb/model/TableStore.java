package io.lakelet.dynamodb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import io.lakelet.core.time.DelayedState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Table definitions, kept in the {@code dynamodb.tables} keyspace under account, region and name, and
 * cached in memory: every item operation reads its table's key schema. Changes are written through.
 */
public final class TableStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Keyspace keyspace;
    private final Map<String, Table> cache = new ConcurrentHashMap<>();

    public TableStore(Storage storage) {
        this.keyspace = storage.keyspace("dynamodb.tables");
        reload();
    }

    /** Reads every table from the store (at start, and after a reset emptied it). */
    public void reload() {
        cache.clear();
        try (Scan scan = keyspace.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                Table t = decode(e.value());
                cache.put(cacheKey(t.account(), t.region(), t.name()), t);
            }
        }
    }

    public Table get(String account, String region, String name) {
        return cache.get(cacheKey(account, region, name));
    }

    /** The names of an account's tables in a region, sorted. */
    public List<String> names(String account, String region) {
        String prefix = account + '\0' + region + '\0';
        return cache.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).sorted().toList();
    }

    /** Stores a new table unless one of that name exists; returns whether it was stored. */
    public synchronized boolean create(Table table) {
        String k = cacheKey(table.account(), table.region(), table.name());
        if (cache.containsKey(k)) {
            return false;
        }
        put(table);
        return true;
    }

    public synchronized void put(Table table) {
        keyspace.put(storeKey(table.account(), table.region(), table.name()), encode(table));
        cache.put(cacheKey(table.account(), table.region(), table.name()), table);
    }

    public synchronized void delete(Table table) {
        keyspace.delete(storeKey(table.account(), table.region(), table.name()));
        cache.remove(cacheKey(table.account(), table.region(), table.name()));
    }

    private static String cacheKey(String account, String region, String name) {
        return account + '\0' + region + '\0' + name;
    }

    private static byte[] storeKey(String account, String region, String name) {
        return Keys.scoped(account, region).add(name).build();
    }

    private static byte[] encode(Table t) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("account", t.account());
            root.put("region", t.region());
            root.set("description", JSON.readTree(ItemCodec.encodePojo(t.description())));
            root.set("status", state(t.status()));
            ObjectNode indexes = root.putObject("indexStatus");
            t.indexStatus().forEach((name, s) -> indexes.set(name, state(s)));
            if (t.pitrSince() != null) {
                root.put("pitrSince", t.pitrSince().toEpochMilli());
            }
            ObjectNode tags = root.putObject("tags");
            t.tags().forEach(tags::put);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode state(DelayedState<?> s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("transitional", s.transitional().toString());
        n.put("settled", s.settled().toString());
        n.put("settlesAt", s.settlesAt().toEpochMilli());
        return n;
    }

    private static Table decode(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            TableDescription d = ItemCodec.decodePojo(
                    root.get("description").toString().getBytes(StandardCharsets.UTF_8), TableDescription.class);
            JsonNode s = root.get("status");
            DelayedState<TableStatus> status = new DelayedState<>(TableStatus.fromValue(s.get("transitional").asText()),
                    TableStatus.fromValue(s.get("settled").asText()), Instant.ofEpochMilli(s.get("settlesAt").asLong()));
            Map<String, DelayedState<IndexStatus>> indexes = new LinkedHashMap<>();
            root.get("indexStatus").fields().forEachRemaining(e -> indexes.put(e.getKey(), new DelayedState<>(
                    IndexStatus.fromValue(e.getValue().get("transitional").asText()),
                    IndexStatus.fromValue(e.getValue().get("settled").asText()),
                    Instant.ofEpochMilli(e.getValue().get("settlesAt").asLong()))));
            Map<String, String> tags = new LinkedHashMap<>();
            root.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            Instant pitr = root.has("pitrSince") ? Instant.ofEpochMilli(root.get("pitrSince").asLong()) : null;
            return new Table(root.get("account").asText(), root.get("region").asText(), d, status, indexes, pitr, tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
