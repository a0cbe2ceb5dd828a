package io.lakelet.dynamodb.expressions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading, writing and projecting document paths in items (maps of attribute values). */
public final class Documents {
    private Documents() {
    }

    /** The value at {@code path}, or null when any step is missing or of the wrong type. */
    public static AttributeValue get(Map<String, AttributeValue> item, Path path) {
        if (item == null) {
            return null;
        }
        AttributeValue current = item.get(path.topLevelName());
        for (Path.Element e : path.elements().subList(1, path.elements().size())) {
            if (current == null) {
                return null;
            }
            if (e instanceof Path.Key k) {
                current = current.hasM() ? current.m().get(k.name()) : null;
            } else {
                int i = ((Path.Index) e).index();
                current = current.hasL() && i < current.l().size() ? current.l().get(i) : null;
            }
        }
        return current;
    }

    /**
     * Sets {@code value} at {@code path} in {@code item} (mutated). The parent of a nested path must exist
     * and be a map or list; an index past the end of a list appends.
     */
    public static void set(Map<String, AttributeValue> item, Path path, AttributeValue value) {
        if (path.isTopLevel()) {
            item.put(path.topLevelName(), value);
            return;
        }
        AttributeValue top = item.get(path.topLevelName());
        item.put(path.topLevelName(), setIn(top, path.elements(), 1, value));
    }

    private static AttributeValue setIn(AttributeValue container, List<Path.Element> path, int at, AttributeValue value) {
        Path.Element e = path.get(at);
        boolean last = at == path.size() - 1;
        if (e instanceof Path.Key k) {
            if (container == null || !container.hasM()) {
                throw invalidPath();
            }
            Map<String, AttributeValue> m = new LinkedHashMap<>(container.m());
            m.put(k.name(), last ? value : setIn(m.get(k.name()), path, at + 1, value));
            return AttributeValue.fromM(m);
        }
        int i = ((Path.Index) e).index();
        if (container == null || !container.hasL()) {
            throw invalidPath();
        }
        List<AttributeValue> l = new ArrayList<>(container.l());
        if (last) {
            if (i >= l.size()) {
                l.add(value);
            } else {
                l.set(i, value);
            }
        } else {
            if (i >= l.size()) {
                throw invalidPath();
            }
            l.set(i, setIn(l.get(i), path, at + 1, value));
        }
        return AttributeValue.fromL(l);
    }

    /** Removes the value at {@code path} from {@code item} (mutated); a missing path is no change. */
    public static void remove(Map<String, AttributeValue> item, Path path) {
        if (path.isTopLevel()) {
            item.remove(path.topLevelName());
            return;
        }
        AttributeValue top = item.get(path.topLevelName());
        if (get(item, path) != null) {
            item.put(path.topLevelName(), removeIn(top, path.elements(), 1));
        }
    }

    private static AttributeValue removeIn(AttributeValue container, List<Path.Element> path, int at) {
        Path.Element e = path.get(at);
        boolean last = at == path.size() - 1;
        if (e instanceof Path.Key k) {
            Map<String, AttributeValue> m = new LinkedHashMap<>(container.m());
            if (last) {
                m.remove(k.name());
            } else {
                m.put(k.name(), removeIn(m.get(k.name()), path, at + 1));
            }
            return AttributeValue.fromM(m);
        }
        int i = ((Path.Index) e).index();
        List<AttributeValue> l = new ArrayList<>(container.l());
        if (last) {
            l.remove(i);
        } else {
            l.set(i, removeIn(l.get(i), path, at + 1));
        }
        return AttributeValue.fromL(l);
    }

    private static ExpressionException invalidPath() {
        return new ExpressionException("The document path provided in the update expression is invalid for update");
    }

    /**
     * The parts of {@code item} that {@code paths} name, shaped as in the item; list elements picked by
     * index come back in index order, as DynamoDB returns them.
     */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
        Node root = new Node();
        for (Path p : paths) {
            AttributeValue v = get(item, p);
            if (v == null) {
                continue;
            }
            Node n = root;
            for (Path.Element e : p.elements()) {
                n = e instanceof Path.Key k
                        ? n.keys.computeIfAbsent(k.name(), x -> new Node())
                        : n.indexes.computeIfAbsent(((Path.Index) e).index(), x -> new Node());
            }
            n.leaf = v;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        root.keys.forEach((name, node) -> out.put(name, node.toValue()));
        return out;
    }

    private static final class Node {
        final Map<String, Node> keys = new LinkedHashMap<>();
        final TreeMap<Integer, Node> indexes = new TreeMap<>();
        AttributeValue leaf;

        AttributeValue toValue() {
            if (leaf != null) {
                return leaf;
            }
            if (!indexes.isEmpty()) {
                List<AttributeValue> l = new ArrayList<>();
                indexes.values().forEach(n -> l.add(n.toValue()));
                return AttributeValue.fromL(l);
            }
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            keys.forEach((name, node) -> m.put(name, node.toValue()));
            return AttributeValue.fromM(m);
        }
    }
}
