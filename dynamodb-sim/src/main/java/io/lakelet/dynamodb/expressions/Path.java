package io.lakelet.dynamodb.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * A document path such as {@code a.b[0].c}: a top-level attribute name followed by map keys and list
 * indexes, with every {@code #name} placeholder already substituted.
 */
public record Path(List<Element> elements) {

    /** One step of a path: a map key (or the top-level name) or a list index. */
    public sealed interface Element permits Key, Index {
    }

    public record Key(String name) implements Element {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Index(int index) implements Element {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    public Path {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.get(0) instanceof Key)) {
            throw new IllegalArgumentException("a path starts with an attribute name");
        }
    }

    public static Path of(String topLevelName) {
        return new Path(List.of(new Key(topLevelName)));
    }

    public String topLevelName() {
        return ((Key) elements.get(0)).name();
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    public Path parent() {
        return new Path(elements.subList(0, elements.size() - 1));
    }

    public Element last() {
        return elements.get(elements.size() - 1);
    }

    public Path child(Element e) {
        List<Element> list = new ArrayList<>(elements);
        list.add(e);
        return new Path(list);
    }

    /** Whether this path equals {@code other} or is an ancestor of it (they then overlap in an update). */
    public boolean isPrefixOf(Path other) {
        return other.elements.size() >= elements.size()
                && other.elements.subList(0, elements.size()).equals(elements);
    }

    /** The path as DynamoDB prints it in messages: {@code [a, b, [0]]}. */
    public String describe() {
        return elements.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Element e : elements) {
            if (e instanceof Key k && b.length() > 0) {
                b.append('.');
            }
            b.append(e);
        }
        return b.toString();
    }
}
