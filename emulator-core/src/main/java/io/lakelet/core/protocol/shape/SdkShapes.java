package io.lakelet.core.protocol.shape;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Shapes derived from the AWS SDK for Java v2 model classes: their {@code sdkFields()} give member names,
 * wire names, locations, types and timestamp formats, so a request class is also its own schema.
 *
 * <p>Shapes are built once per class and cached; members are resolved lazily so recursive structures
 * terminate.
 */
public final class SdkShapes {
    private static final Map<Class<?>, SdkStruct> BY_POJO_CLASS = new ConcurrentHashMap<>();

    private SdkShapes() {
    }

    /** The shape of an SDK model class, e.g. {@code PutRecordRequest.class}. */
    public static Shape of(Class<? extends SdkPojo> pojoClass) {
        return BY_POJO_CLASS.computeIfAbsent(pojoClass, SdkShapes::forClass);
    }

    private static SdkStruct forClass(Class<?> pojoClass) {
        Supplier<SdkPojo> builders = builderFactory(pojoClass);
        return new SdkStruct(builders);
    }

    @SuppressWarnings("unchecked")
    private static Supplier<SdkPojo> builderFactory(Class<?> pojoClass) {
        try {
            Method builder = pojoClass.getMethod("builder");
            if (!Modifier.isStatic(builder.getModifiers())) {
                throw new IllegalArgumentException(pojoClass + " has no static builder()");
            }
            return () -> {
                try {
                    return (SdkPojo) builder.invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build " + pojoClass.getName(), e);
                }
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(pojoClass + " is not an SDK model class", e);
        }
    }

    private static Shape shapeOf(SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return Shape.Simple.STRING;
        } else if (type == MarshallingType.INTEGER) {
            return Shape.Simple.INTEGER;
        } else if (type == MarshallingType.LONG) {
            return Shape.Simple.LONG;
        } else if (type == MarshallingType.BOOLEAN) {
            return Shape.Simple.BOOLEAN;
        } else if (type == MarshallingType.DOUBLE) {
            return Shape.Simple.DOUBLE;
        } else if (type == MarshallingType.FLOAT) {
            return Shape.Simple.FLOAT;
        } else if (type == MarshallingType.SHORT) {
            return Shape.Simple.SHORT;
        } else if (type == MarshallingType.BYTE) {
            return Shape.Simple.BYTE;
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return Shape.Simple.BIG_DECIMAL;
        } else if (type == MarshallingType.INSTANT) {
            return Shape.Simple.TIMESTAMP;
        } else if (type == MarshallingType.SDK_BYTES) {
            return Shape.Simple.BLOB;
        } else if (type == MarshallingType.DOCUMENT) {
            return Shape.Simple.DOCUMENT;
        } else if (type == MarshallingType.LIST) {
            ListTrait trait = field.getTrait(ListTrait.class);
            return new Shape.Collection(ShapeKind.LIST, shapeOf(trait.memberFieldInfo()), false);
        } else if (type == MarshallingType.MAP) {
            MapTrait trait = field.getTrait(MapTrait.class);
            return new Shape.Collection(ShapeKind.MAP, shapeOf(trait.valueFieldInfo()), false);
        } else if (type == MarshallingType.SDK_POJO) {
            Supplier<SdkPojo> constructor = field.constructor();
            SdkPojo sample = constructor.get();
            return BY_POJO_CLASS.computeIfAbsent(builtClassOf(sample), c -> new SdkStruct(constructor));
        }
        throw new IllegalArgumentException("unsupported SDK type " + type + " of " + field.memberName());
    }

    /** The class a builder builds, used as the cache key so builders and built objects share a shape. */
    private static Class<?> builtClassOf(SdkPojo builder) {
        Class<?> c = builder.getClass();
        Class<?> outer = c.getEnclosingClass();
        return outer != null ? outer : c;
    }

    private static Location locationOf(MarshallLocation location) {
        return switch (location) {
            case PAYLOAD -> Location.PAYLOAD;
            case HEADER -> Location.HEADER;
            case QUERY_PARAM -> Location.QUERY;
            case PATH, GREEDY_PATH -> Location.PATH;
            case STATUS_CODE -> Location.STATUS_CODE;
        };
    }

    private static TimestampFormat formatOf(SdkField<?> field) {
        TimestampFormatTrait trait = field.getTrait(TimestampFormatTrait.class);
        if (trait == null) {
            return null;
        }
        return switch (trait.format()) {
            case ISO_8601 -> TimestampFormat.DATE_TIME;
            case RFC_822 -> TimestampFormat.HTTP_DATE;
            case UNIX_TIMESTAMP -> TimestampFormat.EPOCH_SECONDS;
            case UNIX_TIMESTAMP_MILLIS -> TimestampFormat.EPOCH_MILLIS;
        };
    }

    /** A structure backed by an SDK model class and its builder. */
    static final class SdkStruct implements Shape {
        private final Supplier<SdkPojo> builders;
        private volatile List<Member> members;

        SdkStruct(Supplier<SdkPojo> builders) {
            this.builders = builders;
        }

        @Override
        public ShapeKind kind() {
            return ShapeKind.STRUCTURE;
        }

        @Override
        public List<Member> members() {
            List<Member> m = members;
            if (m == null) {
                synchronized (this) {
                    m = members;
                    if (m == null) {
                        // Filled before it is published: a reader on the lock-free path above must never
                        // see a half-built list. Recursion needs no early publication, since shapeOf only
                        // caches member shapes and never asks for their members.
                        List<Member> list = new ArrayList<>();
                        for (SdkField<?> f : builders.get().sdkFields()) {
                            list.add(new Member(f.memberName(), f.locationName(), locationOf(f.location()),
                                    shapeOf(f), formatOf(f), f.containsTrait(PayloadTrait.class), f));
                        }
                        m = Collections.unmodifiableList(list);
                        members = m;
                    }
                }
            }
            return m;
        }

        @Override
        public StructBuilder newStruct() {
            SdkPojo builder = builders.get();
            return new StructBuilder() {
                @Override
                public void set(Member member, Object value) {
                    ((SdkField<?>) member.accessor()).set(builder, toSdk(value));
                }

                @Override
                public Object build() {
                    return ((SdkBuilder<?, ?>) builder).build();
                }
            };
        }

        @Override
        public Object get(Object struct, Member member) {
            Object v = ((SdkField<?>) member.accessor()).getValueOrDefault(struct);
            if (v == null || isPlain(v)) {
                return v;
            }
            if (v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?>) {
                return null;
            }
            return fromSdk(v);
        }

        /**
         * Whether a value is the same for the codec and the SDK, told by class tests that are cheap (the
         * interface tests below, repeated for every member of a large response, are not).
         */
        private static boolean isPlain(Object v) {
            return v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                    || v instanceof Instant;
        }

        /** Codec values to SDK values: byte[] to SdkBytes, Jackson trees to Documents, inside lists and maps too. */
        private static Object toSdk(Object value) {
            if (value instanceof byte[] bytes) {
                return SdkBytes.fromByteArrayUnsafe(bytes);
            }
            if (value instanceof JsonNode node) {
                return SdkDocuments.fromTree(node);
            }
            if (value instanceof List<?> list && needsConversion(list)) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    out.add(toSdk(o));
                }
                return out;
            }
            if (value instanceof Map<?, ?> map && needsConversion(map.values())) {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, toSdk(v)));
                return out;
            }
            return value;
        }

        /** SDK values to codec values, the reverse of {@link #toSdk}. */
        private static Object fromSdk(Object value) {
            if (value instanceof SdkBytes bytes) {
                return bytes.asByteArrayUnsafe();
            }
            if (value instanceof Document document) {
                return SdkDocuments.toTree(document);
            }
            if (value instanceof List<?> list && needsConversion(list)) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    out.add(fromSdk(o));
                }
                return out;
            }
            if (value instanceof Map<?, ?> map && needsConversion(map.values())) {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, fromSdk(v)));
                return out;
            }
            return value;
        }

        /** Whether a collection holds (at any depth) values that differ between the codec and the SDK. */
        private static boolean needsConversion(java.util.Collection<?> values) {
            for (Object o : values) {
                if (o instanceof byte[] || o instanceof SdkBytes || o instanceof JsonNode || o instanceof Document
                        || o instanceof List<?> l && needsConversion(l)
                        || o instanceof Map<?, ?> m && needsConversion(m.values())) {
                    return true;
                }
                if (!(o instanceof List<?>) && !(o instanceof Map<?, ?>) && o != null) {
                    return false; // the elements of a list or map share one type: the first decides
                }
            }
            return false;
        }
    }
}
