package io.lakelet.core.protocol;

import io.lakelet.core.protocol.shape.Location;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import io.lakelet.core.protocol.shape.TimestampFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ListShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.HttpHeaderTrait;
import software.amazon.smithy.model.traits.HttpLabelTrait;
import software.amazon.smithy.model.traits.HttpPayloadTrait;
import software.amazon.smithy.model.traits.HttpPrefixHeadersTrait;
import software.amazon.smithy.model.traits.HttpQueryParamsTrait;
import software.amazon.smithy.model.traits.HttpQueryTrait;
import software.amazon.smithy.model.traits.HttpResponseCodeTrait;
import software.amazon.smithy.model.traits.JsonNameTrait;
import software.amazon.smithy.model.traits.SparseTrait;
import software.amazon.smithy.model.traits.TimestampFormatTrait;

/**
 * Lakelet {@link Shape}s built from a Smithy model, so the protocol conformance cases (written against
 * Smithy test services the SDK does not ship) drive the same codecs as the SDK-derived shapes. Structures
 * and unions are {@code Map<String, Object>} keyed by member name.
 *
 * @param model the assembled model
 * @param httpBindings whether members carry their HTTP binding traits (restJson1) or all travel in the
 *                     body (awsJson1_1, which also ignores {@code @jsonName})
 */
record SmithyShapes(Model model, boolean httpBindings, Map<ShapeId, Shape> cache) {

    SmithyShapes(Model model, boolean httpBindings) {
        this(model, httpBindings, new HashMap<>());
    }

    /** A structure without members: {@code smithy.api#Unit} where a member or an input targets it. */
    static final Shape EMPTY = new Shape() {
        @Override
        public ShapeKind kind() {
            return ShapeKind.STRUCTURE;
        }

        @Override
        public List<Member> members() {
            return List.of();
        }

        @Override
        public StructBuilder newStruct() {
            return new StructBuilder() {
                @Override
                public void set(Member member, Object value) {
                    throw new IllegalStateException("a structure without members has no " + member.name());
                }

                @Override
                public Object build() {
                    return Map.of();
                }
            };
        }

        @Override
        public Object get(Object struct, Member member) {
            return null;
        }
    };

    /** The shape of {@code id}; null for {@code smithy.api#Unit}. */
    Shape shape(ShapeId id) {
        if (id.toString().equals("smithy.api#Unit")) {
            return null;
        }
        Shape cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        software.amazon.smithy.model.shapes.Shape s = model.expectShape(id);
        Shape shape = switch (s.getType()) {
            case STRUCTURE, UNION -> new MapStruct(this, s);
            case LIST, SET -> new Shape.Collection(ShapeKind.LIST, shape(((ListShape) s).getMember().getTarget()),
                    s.hasTrait(SparseTrait.class));
            case MAP -> new Shape.Collection(ShapeKind.MAP, shape(((MapShape) s).getValue().getTarget()),
                    s.hasTrait(SparseTrait.class));
            case STRING, ENUM -> Shape.Simple.STRING;
            case BOOLEAN -> Shape.Simple.BOOLEAN;
            case BYTE -> Shape.Simple.BYTE;
            case SHORT -> Shape.Simple.SHORT;
            case INTEGER, INT_ENUM -> Shape.Simple.INTEGER;
            case LONG -> Shape.Simple.LONG;
            case FLOAT -> Shape.Simple.FLOAT;
            case DOUBLE -> Shape.Simple.DOUBLE;
            case BIG_DECIMAL -> Shape.Simple.BIG_DECIMAL;
            case BIG_INTEGER -> Shape.Simple.BIG_INTEGER;
            case TIMESTAMP -> Shape.Simple.TIMESTAMP;
            case BLOB -> Shape.Simple.BLOB;
            case DOCUMENT -> Shape.Simple.DOCUMENT;
            default -> throw new IllegalArgumentException("no value shape for " + id + " (" + s.getType() + ")");
        };
        cache.put(id, shape);
        return shape;
    }

    private Member member(MemberShape m) {
        Shape target = m.getTarget().toString().equals("smithy.api#Unit") ? EMPTY : shape(m.getTarget());
        Location location = Location.PAYLOAD;
        String wireName = m.getMemberName();
        if (httpBindings) {
            if (m.hasTrait(HttpLabelTrait.class)) {
                location = Location.PATH;
            } else if (m.hasTrait(HttpQueryTrait.class)) {
                location = Location.QUERY;
                wireName = m.expectTrait(HttpQueryTrait.class).getValue();
            } else if (m.hasTrait(HttpQueryParamsTrait.class)) {
                location = Location.QUERY_PARAMS;
            } else if (m.hasTrait(HttpHeaderTrait.class)) {
                location = Location.HEADER;
                wireName = m.expectTrait(HttpHeaderTrait.class).getValue();
            } else if (m.hasTrait(HttpPrefixHeadersTrait.class)) {
                location = Location.PREFIX_HEADERS;
                wireName = m.expectTrait(HttpPrefixHeadersTrait.class).getValue();
            } else if (m.hasTrait(HttpResponseCodeTrait.class)) {
                location = Location.STATUS_CODE;
            } else if (m.hasTrait(JsonNameTrait.class)) {
                wireName = m.expectTrait(JsonNameTrait.class).getValue();
            }
        }
        TimestampFormat format = m.getMemberTrait(model, TimestampFormatTrait.class)
                .map(t -> switch (t.getValue()) {
                    case "date-time" -> TimestampFormat.DATE_TIME;
                    case "http-date" -> TimestampFormat.HTTP_DATE;
                    case "epoch-seconds" -> TimestampFormat.EPOCH_SECONDS;
                    default -> throw new IllegalArgumentException("timestamp format " + t.getValue());
                })
                .orElse(null);
        boolean payload = httpBindings && m.hasTrait(HttpPayloadTrait.class);
        return new Member(m.getMemberName(), wireName, location, target, format, payload, m.getMemberName());
    }

    /** A structure (or union) whose values are maps from member name to value. */
    static final class MapStruct implements Shape {
        private final SmithyShapes shapes;
        private final software.amazon.smithy.model.shapes.Shape smithy;
        private List<Member> members;

        MapStruct(SmithyShapes shapes, software.amazon.smithy.model.shapes.Shape smithy) {
            this.shapes = shapes;
            this.smithy = smithy;
        }

        @Override
        public ShapeKind kind() {
            return ShapeKind.STRUCTURE;
        }

        @Override
        public List<Member> members() {
            if (members == null) {
                List<Member> list = new ArrayList<>();
                members = Collections.unmodifiableList(list);
                for (MemberShape m : smithy.members()) {
                    list.add(shapes.member(m));
                }
            }
            return members;
        }

        @Override
        public StructBuilder newStruct() {
            Map<String, Object> values = new LinkedHashMap<>();
            return new StructBuilder() {
                @Override
                public void set(Member member, Object value) {
                    values.put((String) member.accessor(), value);
                }

                @Override
                public Object build() {
                    return values;
                }
            };
        }

        @Override
        public Object get(Object struct, Member member) {
            return ((Map<?, ?>) struct).get(member.accessor());
        }

        @Override
        public String toString() {
            return smithy.getId().toString();
        }
    }
}
