package io.lakelet.s3.wire;

import java.nio.charset.StandardCharsets;

/** A small writer of S3's XML documents: elements, escaped text, and the S3 namespace on the root. */
public final class XmlWriter {
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder out = new StringBuilder(256);
    private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();

    private XmlWriter() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /** A document whose root element carries the S3 namespace. */
    public static XmlWriter document(String root) {
        XmlWriter w = new XmlWriter();
        w.out.append('<').append(root).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
        w.open.push(root);
        return w;
    }

    /** A document whose root element has no namespace (errors). */
    public static XmlWriter plainDocument(String root) {
        XmlWriter w = new XmlWriter();
        w.out.append('<').append(root).append('>');
        w.open.push(root);
        return w;
    }

    /** A document that is one namespaced element with text (null: empty), such as {@code <LocationConstraint>}. */
    public static XmlWriter textDocument(String root, String text) {
        XmlWriter w = document(root);
        if (text != null) {
            w.escape(text);
        }
        return w;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Opens an element with attributes, given already escaped ({@code xsi:type="CanonicalUser"}). */
    public XmlWriter start(String name, String attributes) {
        out.append('<').append(name).append(' ').append(attributes).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text; nothing when the value is null. */
    public XmlWriter element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(String.valueOf(value));
            out.append("</").append(name).append('>');
        }
        return this;
    }

    public byte[] toBytes() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                default -> out.append(c);
            }
        }
    }
}
