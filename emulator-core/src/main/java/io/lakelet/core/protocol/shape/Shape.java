package io.lakelet.core.protocol.shape;

import java.util.List;

/**
 * A description of a value's structure that drives the protocol codecs, so each codec is written once for
 * every operation. {@link SdkShapes} derives shapes from the AWS SDK for Java v2 model classes; tests
 * derive them from Smithy models to run the AWS protocol conformance cases.
 *
 * <p>Values handed to and from a codec: String, Boolean, Byte, Short, Integer, Long, Float, Double,
 * BigDecimal, BigInteger, {@link java.time.Instant}, byte[] for blobs, a Jackson {@code JsonNode} for
 * documents, {@code List<Object>}, {@code Map<String, Object>}, and for structures whatever
 * {@link #newStruct()} builds.
 */
public interface Shape {

    ShapeKind kind();

    /** The element shape of a LIST or the value shape of a MAP. */
    default Shape element() {
        throw new UnsupportedOperationException(kind() + " has no element");
    }

    /** Whether a LIST or MAP keeps null entries. */
    default boolean sparse() {
        return false;
    }

    /** The members of a STRUCTURE in model order. */
    default List<Member> members() {
        throw new UnsupportedOperationException(kind() + " has no members");
    }

    /** The payload member of a STRUCTURE whose JSON/CBOR key is {@code wireName}, or null. */
    default Member payloadMember(String wireName) {
        for (Member m : members()) {
            if (m.location() == Location.PAYLOAD && m.wireName().equals(wireName)) {
                return m;
            }
        }
        return null;
    }

    /** A fresh builder of this STRUCTURE. */
    default StructBuilder newStruct() {
        throw new UnsupportedOperationException(kind() + " is not a structure");
    }

    /** The value of {@code member} in a built structure, or null when unset. */
    default Object get(Object struct, Member member) {
        throw new UnsupportedOperationException(kind() + " is not a structure");
    }

    /** Builds a structure member by member. */
    interface StructBuilder {
        void set(Member member, Object value);

        Object build();
    }

    /** A simple (non-aggregate) shape of the given kind. */
    static Shape of(ShapeKind kind) {
        return Simple.of(kind);
    }

    /** Simple shapes, one instance per kind. */
    enum Simple implements Shape {
        STRING(ShapeKind.STRING), BOOLEAN(ShapeKind.BOOLEAN), BYTE(ShapeKind.BYTE), SHORT(ShapeKind.SHORT),
        INTEGER(ShapeKind.INTEGER), LONG(ShapeKind.LONG), FLOAT(ShapeKind.FLOAT), DOUBLE(ShapeKind.DOUBLE),
        BIG_DECIMAL(ShapeKind.BIG_DECIMAL), BIG_INTEGER(ShapeKind.BIG_INTEGER), TIMESTAMP(ShapeKind.TIMESTAMP),
        BLOB(ShapeKind.BLOB), DOCUMENT(ShapeKind.DOCUMENT);

        private final ShapeKind kind;

        Simple(ShapeKind kind) {
            this.kind = kind;
        }

        @Override
        public ShapeKind kind() {
            return kind;
        }

        static Shape of(ShapeKind kind) {
            return valueOf(kind.name());
        }
    }

    /** A list or map shape over an element shape. */
    record Collection(ShapeKind kind, Shape element, boolean sparse) implements Shape {
    }
}
