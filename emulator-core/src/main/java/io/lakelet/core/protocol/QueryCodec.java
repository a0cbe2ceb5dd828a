package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.TimestampFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The awsQuery wire format, generic over shapes: form parameters ({@code Name.member.N} lists,
 * {@code Name.entry.N.key/value} maps, dotted nested structures) decode into a structure, and a structure
 * encodes as the XML of {@code <ActionResponse><ActionResult>}; errors as {@code <ErrorResponse>}.
 *
 * <p>Lists and maps use the default member names ({@code member}, {@code entry}, {@code key}, {@code value});
 * a list written flattened ({@code Name.N}) is read too. A value that does not parse as its shape's type is
 * refused with {@code InvalidParameterValue} naming the parameter, as AWS Query services word it.
 */
public final class QueryCodec {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private QueryCodec() {
    }

    /** Parses an {@code application/x-www-form-urlencoded} body; a key given twice keeps its last value. */
    public static Map<String, String> parseForm(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = io.lakelet.core.http.Request.decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : io.lakelet.core.http.Request.decode(pair.substring(eq + 1));
            out.put(k, v);
        }
        return out;
    }

    /** Decodes the parameters into a structure of {@code shape}; parameters that are no member are ignored. */
    public static Object readStructure(Map<String, String> params, Shape shape) {
        Node root = new Node();
        params.forEach((k, v) -> {
            Node n = root;
            for (String part : k.split("\\.", -1)) {
                n = n.child(part);
            }
            n.value = v;
        });
        return readStruct(root, shape, "");
    }

    private static Object readStruct(Node node, Shape shape, String path) {
        Shape.StructBuilder b = shape.newStruct();
        if (node.children != null) {
            for (Member m : shape.members()) {
                Node child = node.children.get(m.wireName());
                if (child != null) {
                    b.set(m, read(child, m, m.shape(), path.isEmpty() ? m.wireName() : path + "." + m.wireName()));
                }
            }
        }
        return b.build();
    }

    private static Object read(Node node, Member member, Shape shape, String path) {
        switch (shape.kind()) {
            case STRUCTURE:
                return readStruct(node, shape, path);
            case LIST: {
                List<Object> out = new ArrayList<>();
                Node items = node.children == null ? null : node.children.get("member");
                String itemPath = path + ".member.";
                if (items == null) {
                    items = node; // flattened: Name.1, Name.2
                    itemPath = path + ".";
                }
                for (Map.Entry<Integer, Node> e : indexed(items, itemPath).entrySet()) {
                    out.add(read(e.getValue(), null, shape.element(), itemPath + e.getKey()));
                }
                return out;
            }
            case MAP: {
                Map<String, Object> out = new LinkedHashMap<>();
                Node entries = node.children == null ? null : node.children.get("entry");
                String entryPath = path + ".entry.";
                if (entries == null) {
                    entries = node;
                    entryPath = path + ".";
                }
                for (Map.Entry<Integer, Node> e : indexed(entries, entryPath).entrySet()) {
                    Node entry = e.getValue();
                    Node key = entry.children == null ? null : entry.children.get("key");
                    Node value = entry.children == null ? null : entry.children.get("value");
                    String at = entryPath + e.getKey();
                    if (key == null || key.value == null) {
                        throw missing(at + ".key");
                    }
                    out.put(key.value, value == null ? null : read(value, null, shape.element(), at + ".value"));
                }
                return out;
            }
            default:
                if (node.value == null) {
                    throw invalid("", path);
                }
                return readSimple(node.value, member, shape, path);
        }
    }

    /** The numbered children of a list or map node in index order. */
    private static Map<Integer, Node> indexed(Node node, String path) {
        Map<Integer, Node> out = new TreeMap<>();
        if (node.children == null) {
            return out;
        }
        node.children.forEach((k, v) -> {
            try {
                int i = Integer.parseInt(k);
                if (i < 1) {
                    throw invalid(k, path + k);
                }
                out.put(i, v);
            } catch (NumberFormatException e) {
                throw AwsException.client("MalformedQueryString", "The parameter " + path + k + " is not recognized.");
            }
        });
        return out;
    }

    private static Object readSimple(String text, Member member, Shape shape, String path) {
        try {
            return switch (shape.kind()) {
                case STRING -> text;
                case BOOLEAN -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException(text);
                    }
                    yield Boolean.valueOf(text);
                }
                case BYTE -> Byte.valueOf(text);
                case SHORT -> Short.valueOf(text);
                case INTEGER -> Integer.valueOf(text);
                case LONG -> Long.valueOf(text);
                case FLOAT -> Float.valueOf(text);
                case DOUBLE -> Double.valueOf(text);
                case BIG_DECIMAL -> new BigDecimal(text);
                case BIG_INTEGER -> new BigInteger(text);
                case TIMESTAMP -> parseTimestamp(text, member == null ? null : member.timestampFormat());
                case BLOB -> Base64.getDecoder().decode(text);
                default -> throw new IllegalArgumentException("unsupported " + shape.kind());
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(text, path);
        }
    }

    /** An ISO 8601 date-time (with or without fraction or offset), or epoch seconds where the model says so. */
    static Instant parseTimestamp(String text, TimestampFormat format) {
        if (format == TimestampFormat.EPOCH_SECONDS || !text.contains("-") && !text.isEmpty()
                && Character.isDigit(text.charAt(0))) {
            return Timestamps.parse(text, TimestampFormat.EPOCH_SECONDS);
        }
        try {
            return Timestamps.parse(text, TimestampFormat.DATE_TIME);
        } catch (IllegalArgumentException strict) {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
    }

    private static AwsException invalid(String value, String parameter) {
        return AwsException.client("InvalidParameterValue",
                "The value " + value + " for parameter " + parameter + " is invalid.");
    }

    private static AwsException missing(String parameter) {
        return AwsException.client("MissingParameter", "The parameter " + parameter + " is required.");
    }

    /** One segment of the dotted parameter names. */
    private static final class Node {
        String value;
        Map<String, Node> children;

        Node child(String name) {
            if (children == null) {
                children = new LinkedHashMap<>();
            }
            return children.computeIfAbsent(name, k -> new Node());
        }
    }

    // ---------------------------------------------------------------- XML

    /**
     * The response document of {@code action}: {@code <ActionResponse xmlns><ActionResult>members</ActionResult>
     * <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>}. A null output gives no Result element.
     */
    public static byte[] writeResponse(String action, String xmlns, Object output, Shape shape, String requestId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('<').append(action).append("Response xmlns=\"").append(escape(xmlns)).append("\">");
        if (output != null) {
            sb.append('<').append(action).append("Result>");
            writeMembers(sb, output, shape);
            sb.append("</").append(action).append("Result>");
        }
        sb.append("<ResponseMetadata><RequestId>").append(escape(requestId)).append("</RequestId></ResponseMetadata>");
        sb.append("</").append(action).append("Response>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The error document of AWS Query services, with {@code Sender} or {@code Receiver} as the fault. */
    public static byte[] writeError(String xmlns, String type, String code, String message, String requestId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<ErrorResponse xmlns=\"").append(escape(xmlns)).append("\"><Error><Type>").append(type)
                .append("</Type><Code>").append(escape(code)).append("</Code>");
        if (message != null) {
            sb.append("<Message>").append(escape(message)).append("</Message>");
        }
        sb.append("</Error><RequestId>").append(escape(requestId)).append("</RequestId></ErrorResponse>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The members of a structure as XML elements named by their wire names, in model order. */
    public static void writeMembers(StringBuilder sb, Object struct, Shape shape) {
        for (Member m : shape.members()) {
            Object v = shape.get(struct, m);
            if (v != null) {
                writeValue(sb, m.wireName(), v, m.shape());
            }
        }
    }

    private static void writeValue(StringBuilder sb, String name, Object value, Shape shape) {
        sb.append('<').append(name).append('>');
        switch (shape.kind()) {
            case STRUCTURE -> writeMembers(sb, value, shape);
            case LIST -> {
                for (Object e : (List<?>) value) {
                    if (e != null) {
                        writeValue(sb, "member", e, shape.element());
                    }
                }
            }
            case MAP -> {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    sb.append("<entry><key>").append(escape(String.valueOf(e.getKey()))).append("</key>");
                    if (e.getValue() != null) {
                        writeValue(sb, "value", e.getValue(), shape.element());
                    }
                    sb.append("</entry>");
                }
            }
            case TIMESTAMP -> sb.append(ISO_MILLIS.format((Instant) value));
            case BLOB -> sb.append(Base64.getEncoder().encodeToString((byte[]) value));
            case DOUBLE, FLOAT -> sb.append(formatFloating(((Number) value).doubleValue()));
            default -> sb.append(escape(String.valueOf(value)));
        }
        sb.append("</").append(name).append('>');
    }

    private static String formatFloating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(d);
    }

    /** Escapes text for XML content and attribute values; characters XML 1.0 cannot carry become U+FFFD. */
    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\r' -> "&#xD;";
                default -> c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF ? "\uFFFD" : null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
