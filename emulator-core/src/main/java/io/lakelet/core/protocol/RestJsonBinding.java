package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.shape.Location;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import io.lakelet.core.protocol.shape.TimestampFormat;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds the members of restJson1 inputs and outputs to the parts of an HTTP message, as the member
 * locations say: path labels, query parameters, headers (and prefixed header maps), the status code, and
 * the payload (a JSON document of the body members, or one explicit payload member as the whole body).
 *
 * <p>Text in the path and query is a timestamp in {@code date-time} form by default, in headers in
 * {@code http-date} form; blobs outside the body are base64; lists in headers are comma-separated.
 */
final class RestJsonBinding {
    private RestJsonBinding() {
    }

    /** Reads an input structure from a request whose route gave {@code labels}. */
    static Object readInput(Request request, Map<String, String> labels, Set<String> literalQueryKeys, Shape shape) {
        Shape.StructBuilder builder = shape.newStruct();
        Member payload = null;
        boolean bodyMembers = false;
        for (Member m : shape.members()) {
            switch (m.location()) {
                case PATH -> {
                    String v = labels.get(m.wireName());
                    if (v != null) {
                        builder.set(m, fromText(v, m, TimestampFormat.DATE_TIME));
                    }
                }
                case QUERY, QUERY_PARAMS -> readQuery(request, literalQueryKeys, m, builder);
                case HEADER, PREFIX_HEADERS -> readHeader(request, m, builder);
                case PAYLOAD -> {
                    if (m.explicitPayload()) {
                        payload = m;
                    } else {
                        bodyMembers = true;
                    }
                }
                default -> { }
            }
        }
        if (payload != null) {
            Object v = readPayload(request.body().readAllBytes(), payload);
            if (v != null) {
                builder.set(payload, v);
            }
        } else if (bodyMembers) {
            JsonCodec.JSON.readStructure(request.bodyStream(), shape, builder);
        }
        return builder.build();
    }

    private static void readQuery(Request request, Set<String> literalQueryKeys, Member m, Shape.StructBuilder builder) {
        Map<String, List<String>> query = request.query();
        if (m.shape().kind() == ShapeKind.MAP) {
            Map<String, Object> all = new LinkedHashMap<>();
            boolean multi = m.shape().element().kind() == ShapeKind.LIST;
            for (Map.Entry<String, List<String>> e : query.entrySet()) {
                if (!literalQueryKeys.contains(e.getKey())) {
                    all.put(e.getKey(), multi ? new ArrayList<Object>(e.getValue()) : e.getValue().get(0));
                }
            }
            if (!all.isEmpty()) {
                builder.set(m, all);
            }
            return;
        }
        List<String> values = query.get(m.wireName());
        if (values == null) {
            return;
        }
        if (m.shape().kind() == ShapeKind.LIST) {
            List<Object> list = new ArrayList<>(values.size());
            for (String v : values) {
                list.add(fromText(v, m.shape().element(), m, TimestampFormat.DATE_TIME));
            }
            builder.set(m, list);
        } else {
            builder.set(m, fromText(values.get(0), m, TimestampFormat.DATE_TIME));
        }
    }

    private static void readHeader(Request request, Member m, Shape.StructBuilder builder) {
        if (m.shape().kind() == ShapeKind.MAP) {
            String prefix = m.wireName().toLowerCase(Locale.ROOT);
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, String> h : request.headers().entries()) {
                if (h.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    map.putIfAbsent(h.getKey().substring(prefix.length()), h.getValue());
                }
            }
            if (!map.isEmpty()) {
                builder.set(m, map);
            }
            return;
        }
        List<String> raw = request.headers().getAll(m.wireName());
        if (raw == null || raw.isEmpty()) {
            return;
        }
        if (m.shape().kind() == ShapeKind.LIST) {
            Shape element = m.shape().element();
            List<Object> list = new ArrayList<>();
            for (String line : raw) {
                for (String item : HeaderLists.split(line, isHttpDate(element, m))) {
                    list.add(fromText(item, element, m, TimestampFormat.HTTP_DATE));
                }
            }
            builder.set(m, list);
        } else {
            builder.set(m, fromText(String.join(", ", raw), m, TimestampFormat.HTTP_DATE));
        }
    }

    private static boolean isHttpDate(Shape element, Member m) {
        return element.kind() == ShapeKind.TIMESTAMP
                && (m.timestampFormat() == null || m.timestampFormat() == TimestampFormat.HTTP_DATE);
    }

    private static Object readPayload(byte[] body, Member payload) {
        if (body.length == 0) {
            return null;
        }
        return switch (payload.shape().kind()) {
            case BLOB -> body;
            case STRING -> new String(body, StandardCharsets.UTF_8);
            default -> JsonCodec.JSON.read(new ByteArrayInputStream(body), payload.shape());
        };
    }

    private static Object fromText(String text, Member m, TimestampFormat locationDefault) {
        return fromText(text, m.shape(), m, locationDefault);
    }

    /** Converts the text of a label, query value or header to a value of {@code shape}. */
    static Object fromText(String text, Shape shape, Member m, TimestampFormat locationDefault) {
        try {
            return switch (shape.kind()) {
                case STRING -> text;
                case BOOLEAN -> switch (text) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException();
                };
                case BYTE -> Byte.parseByte(text);
                case SHORT -> Short.parseShort(text);
                case INTEGER -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case BIG_INTEGER -> new BigInteger(text);
                case BIG_DECIMAL -> new BigDecimal(text);
                case FLOAT -> (float) parseDouble(text);
                case DOUBLE -> parseDouble(text);
                case BLOB -> Base64.getDecoder().decode(text);
                case TIMESTAMP -> Timestamps.parse(text,
                        m.timestampFormat() != null ? m.timestampFormat() : locationDefault);
                default -> throw new IllegalStateException(shape.kind() + " cannot travel as text in " + m.name());
            };
        } catch (IllegalArgumentException e) {
            throw CommonErrors.serialization("Value '" + text + "' for " + m.wireName()
                    + " is not a valid " + shape.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
        }
    }

    private static double parseDouble(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException(text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    // Writing.

    /** Writes an output structure as a response: status, headers and body. */
    static Response.Builder writeOutput(Object output, Shape shape, int defaultStatus) {
        int status = defaultStatus;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        List<Member> prefixed = new ArrayList<>();
        Member payload = null;
        for (Member m : shape.members()) {
            Object v = output == null ? null : shape.get(output, m);
            switch (m.location()) {
                case STATUS_CODE -> {
                    if (v != null) {
                        status = ((Number) v).intValue();
                    }
                }
                case HEADER, PREFIX_HEADERS -> {
                    if (m.shape().kind() == ShapeKind.MAP) {
                        prefixed.add(m);
                    } else {
                        writeHeader(m, v, headers);
                    }
                }
                case PAYLOAD -> {
                    if (m.explicitPayload()) {
                        payload = m;
                    }
                }
                default -> { }
            }
        }
        // A header bound to its own member wins over the same name in a prefixed map.
        for (Member m : prefixed) {
            List<Map.Entry<String, String>> fromMap = new ArrayList<>();
            writeHeader(m, output == null ? null : shape.get(output, m), fromMap);
            for (Map.Entry<String, String> h : fromMap) {
                if (headers.stream().noneMatch(e -> e.getKey().equalsIgnoreCase(h.getKey()))) {
                    headers.add(h);
                }
            }
        }
        Response.Builder b = Response.status(status);
        headers.forEach(h -> b.header(h.getKey(), h.getValue()));
        boolean typed = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"));
        if (status == 204 || status == 304) {
            return b; // these statuses carry no body
        }
        if (payload != null) {
            Object v = output == null ? null : shape.get(output, payload);
            if (v != null) {
                byte[] body = switch (payload.shape().kind()) {
                    case BLOB -> (byte[]) v;
                    case STRING -> v.toString().getBytes(StandardCharsets.UTF_8);
                    default -> {
                        ByteSink sink = new ByteSink();
                        JsonCodec.JSON.write(sink, v, payload.shape());
                        yield sink.toByteArray();
                    }
                };
                if (!typed) {
                    b.header("Content-Type", switch (payload.shape().kind()) {
                        case BLOB -> "application/octet-stream";
                        case STRING -> "text/plain";
                        default -> "application/json";
                    });
                }
                b.body(body);
            }
        } else {
            // Without an explicit payload the body is always a JSON object, "{}" when no member is set.
            ByteSink sink = new ByteSink();
            if (output == null) {
                sink.writeBytes(new byte[] {'{', '}'});
            } else {
                JsonCodec.JSON.writeStructure(sink, output, shape);
            }
            if (!typed) {
                b.header("Content-Type", "application/json");
            }
            b.body(sink.buffer(), 0, sink.size());
        }
        return b;
    }

    /** The response of an operation without output (Smithy's Unit): the status and no body. */
    static Response.Builder emptyOutput(int status) {
        return Response.status(status);
    }

    @SuppressWarnings("unchecked")
    private static void writeHeader(Member m, Object v, List<Map.Entry<String, String>> headers) {
        if (v == null) {
            return;
        }
        Shape shape = m.shape();
        if (shape.kind() == ShapeKind.MAP) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                if (e.getValue() != null) {
                    headers.add(Map.entry(m.wireName() + e.getKey(), toText(e.getValue(), shape.element(), m,
                            TimestampFormat.HTTP_DATE)));
                }
            }
        } else if (shape.kind() == ShapeKind.LIST) {
            List<String> items = new ArrayList<>();
            for (Object item : (List<Object>) v) {
                if (item != null) {
                    String text = toText(item, shape.element(), m, TimestampFormat.HTTP_DATE);
                    items.add(shape.element().kind() == ShapeKind.STRING ? HeaderLists.quoteIfNeeded(text) : text);
                }
            }
            headers.add(Map.entry(m.wireName(), String.join(", ", items)));
        } else {
            headers.add(Map.entry(m.wireName(), toText(v, shape, m, TimestampFormat.HTTP_DATE)));
        }
    }

    /** The text of a simple value in a header, label or query parameter. */
    static String toText(Object v, Shape shape, Member m, TimestampFormat locationDefault) {
        return switch (shape.kind()) {
            case TIMESTAMP -> Timestamps.format((Instant) v,
                    m.timestampFormat() != null ? m.timestampFormat() : locationDefault);
            case BLOB -> Base64.getEncoder().encodeToString((byte[]) v);
            case FLOAT, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d)) {
                    yield "NaN";
                } else if (Double.isInfinite(d)) {
                    yield d > 0 ? "Infinity" : "-Infinity";
                }
                yield shape.kind() == ShapeKind.FLOAT ? Float.toString(((Number) v).floatValue()) : Double.toString(d);
            }
            case BIG_DECIMAL -> ((BigDecimal) v).toPlainString();
            default -> v.toString();
        };
    }

    /** The error a malformed request becomes, under the code the service uses for it. */
    static AwsException malformed(AwsException serialization, String code) {
        if (code.equals(serialization.code())) {
            return serialization;
        }
        return AwsException.client(code, serialization.getMessage());
    }
}
