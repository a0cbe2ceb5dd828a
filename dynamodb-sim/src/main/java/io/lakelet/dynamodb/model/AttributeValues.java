package io.lakelet.dynamodb.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What DynamoDB's type system says about values: their type names, equality (sets unordered, numbers by
 * value), ordering of scalars, sizes, number arithmetic and normal form, and set algebra.
 */
public final class AttributeValues {
    /** Numbers DynamoDB can store: 38 significant digits, magnitudes from 1E-130 to 9.9999...E+125. */
    private static final MathContext PRECISION = new MathContext(38);
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private AttributeValues() {
    }

    /** DynamoDB's name of the value's type ({@code S, N, B, SS, NS, BS, M, L, BOOL, NULL}), or null if none is set. */
    public static String typeOf(AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (v.s() != null) {
            return "S";
        }
        if (v.n() != null) {
            return "N";
        }
        if (v.b() != null) {
            return "B";
        }
        if (v.hasSs()) {
            return "SS";
        }
        if (v.hasNs()) {
            return "NS";
        }
        if (v.hasBs()) {
            return "BS";
        }
        if (v.hasM()) {
            return "M";
        }
        if (v.hasL()) {
            return "L";
        }
        if (v.bool() != null) {
            return "BOOL";
        }
        if (v.nul() != null) {
            return "NULL";
        }
        return null;
    }

    /** How many data types a value from a request sets; valid values set exactly one. */
    public static int typesSet(AttributeValue v) {
        int n = 0;
        for (Object member : new Object[] {v.s(), v.n(), v.b(), v.bool(), v.nul()}) {
            n += member == null ? 0 : 1;
        }
        for (boolean has : new boolean[] {v.hasSs(), v.hasNs(), v.hasBs(), v.hasM(), v.hasL()}) {
            n += has ? 1 : 0;
        }
        return n;
    }

    /** The word DynamoDB uses for a type in "incorrect operand type" messages. */
    public static String operandTypeName(AttributeValue v) {
        String t = typeOf(v);
        return switch (t == null ? "" : t) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "SS" -> "STRING SET";
            case "NS" -> "NUMBER SET";
            case "BS" -> "BINARY SET";
            case "M" -> "MAP";
            case "L" -> "LIST";
            case "BOOL" -> "BOOLEAN";
            case "NULL" -> "NULL";
            default -> "UNKNOWN";
        };
    }

    public static boolean isSet(AttributeValue v) {
        return v != null && (v.hasSs() || v.hasNs() || v.hasBs());
    }

    /** Equality as DynamoDB compares: same type, numbers by value, sets regardless of order. */
    public static boolean equal(AttributeValue a, AttributeValue b) {
        if (a == null || b == null) {
            return false;
        }
        String type = typeOf(a);
        if (type == null || !type.equals(typeOf(b))) {
            return false;
        }
        return switch (type) {
            case "S" -> a.s().equals(b.s());
            case "N" -> number(a.n()).compareTo(number(b.n())) == 0;
            case "B" -> Arrays.equals(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
            case "SS" -> Set.copyOf(a.ss()).equals(Set.copyOf(b.ss()));
            case "NS" -> numberSet(a.ns()).equals(numberSet(b.ns()));
            case "BS" -> binarySet(a.bs()).equals(binarySet(b.bs()));
            case "BOOL" -> a.bool().equals(b.bool());
            case "NULL" -> true;
            case "L" -> a.l().size() == b.l().size() && allEqual(a.l(), b.l());
            case "M" -> a.m().size() == b.m().size() && a.m().entrySet().stream()
                    .allMatch(e -> equal(e.getValue(), b.m().get(e.getKey())));
            default -> false;
        };
    }

    private static boolean allEqual(List<AttributeValue> a, List<AttributeValue> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The order of two scalars of the same type (numbers by value, strings by UTF-8 bytes, binaries as
     * unsigned bytes), or null when they cannot be ordered.
     */
    public static Integer compare(AttributeValue a, AttributeValue b) {
        String type = typeOf(a);
        if (type == null || !type.equals(typeOf(b))) {
            return null;
        }
        return switch (type) {
            case "N" -> number(a.n()).compareTo(number(b.n()));
            case "S" -> Arrays.compareUnsigned(a.s().getBytes(StandardCharsets.UTF_8), b.s().getBytes(StandardCharsets.UTF_8));
            case "B" -> Arrays.compareUnsigned(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
            default -> null;
        };
    }

    /** {@code size()}: characters of a string, bytes of a binary, elements of a set, list or map; else null. */
    public static Integer size(AttributeValue v) {
        String type = typeOf(v);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "S" -> v.s().codePointCount(0, v.s().length());
            case "B" -> v.b().asByteArrayUnsafe().length;
            case "SS" -> v.ss().size();
            case "NS" -> v.ns().size();
            case "BS" -> v.bs().size();
            case "L" -> v.l().size();
            case "M" -> v.m().size();
            default -> null;
        };
    }

    /** Parses a number as DynamoDB accepts it, or throws {@link NumberFormatException}. */
    public static BigDecimal number(String text) {
        return new BigDecimal(text.trim());
    }

    /**
     * The reason a number cannot be stored, worded as DynamoDB words it, or null when it can. Checked on
     * every number a request writes.
     */
    public static String numberProblem(String text) {
        BigDecimal d;
        try {
            d = number(text);
        } catch (NumberFormatException e) {
            return "A value provided cannot be converted into a number";
        }
        if (d.signum() == 0) {
            return null;
        }
        BigDecimal abs = d.abs().stripTrailingZeros();
        if (abs.precision() > 38) {
            return "Attempting to store more than 38 significant digits in a Number";
        }
        if (abs.compareTo(MAX_MAGNITUDE) > 0) {
            return "Number overflow. Attempting to store a number with magnitude larger than supported range";
        }
        if (abs.compareTo(MIN_MAGNITUDE) < 0) {
            return "Number underflow. Attempting to store a number with magnitude smaller than supported range";
        }
        return null;
    }

    /** A number in the form DynamoDB returns it: no exponent, no trailing zeros after the point. */
    public static String canonical(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.round(PRECISION).stripTrailingZeros().toPlainString();
    }

    public static AttributeValue add(AttributeValue a, AttributeValue b, boolean plus) {
        BigDecimal x = number(a.n());
        BigDecimal y = number(b.n());
        return AttributeValue.fromN(canonical(plus ? x.add(y) : x.subtract(y)));
    }

    /** The union ({@code add}) or difference of two sets of the same type. */
    public static AttributeValue setOperation(AttributeValue a, AttributeValue b, boolean union) {
        String type = typeOf(a);
        switch (type) {
            case "SS" -> {
                Set<String> s = new LinkedHashSet<>(a.ss());
                if (union) {
                    s.addAll(b.ss());
                } else {
                    s.removeAll(b.ss());
                }
                return s.isEmpty() ? null : AttributeValue.fromSs(new ArrayList<>(s));
            }
            case "NS" -> {
                Map<BigDecimal, String> s = new LinkedHashMap<>();
                a.ns().forEach(n -> s.put(number(n).stripTrailingZeros(), n));
                for (String n : b.ns()) {
                    if (union) {
                        s.putIfAbsent(number(n).stripTrailingZeros(), n);
                    } else {
                        s.remove(number(n).stripTrailingZeros());
                    }
                }
                return s.isEmpty() ? null : AttributeValue.fromNs(new ArrayList<>(s.values()));
            }
            default -> {
                Map<String, SdkBytes> s = new LinkedHashMap<>();
                a.bs().forEach(x -> s.put(Arrays.toString(x.asByteArrayUnsafe()), x));
                for (SdkBytes x : b.bs()) {
                    String k = Arrays.toString(x.asByteArrayUnsafe());
                    if (union) {
                        s.putIfAbsent(k, x);
                    } else {
                        s.remove(k);
                    }
                }
                return s.isEmpty() ? null : AttributeValue.fromBs(new ArrayList<>(s.values()));
            }
        }
    }

    /** Whether {@code element} is a member of a set or a list, or a substring of a string. */
    public static boolean contains(AttributeValue container, AttributeValue element) {
        String type = typeOf(container);
        if (type == null || element == null) {
            return false;
        }
        return switch (type) {
            case "S" -> element.s() != null && container.s().contains(element.s());
            case "B" -> element.b() != null && indexOf(container.b().asByteArrayUnsafe(), element.b().asByteArrayUnsafe()) >= 0;
            case "SS" -> element.s() != null && container.ss().contains(element.s());
            case "NS" -> element.n() != null && numberSet(container.ns()).contains(number(element.n()).stripTrailingZeros());
            case "BS" -> element.b() != null && binarySet(container.bs()).contains(Arrays.toString(element.b().asByteArrayUnsafe()));
            case "L" -> container.l().stream().anyMatch(e -> equal(e, element));
            default -> false;
        };
    }

    /** Whether a string or binary starts with a prefix of the same type. */
    public static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value == null || prefix == null) {
            return false;
        }
        if (value.s() != null && prefix.s() != null) {
            return value.s().startsWith(prefix.s());
        }
        if (value.b() != null && prefix.b() != null) {
            byte[] v = value.b().asByteArrayUnsafe();
            byte[] p = prefix.b().asByteArrayUnsafe();
            return v.length >= p.length && Arrays.equals(v, 0, p.length, p, 0, p.length);
        }
        return false;
    }

    /** The approximate stored size of an item, as DynamoDB counts it against the 400 KB limit. */
    public static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueSize(e.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue v) {
        String type = typeOf(v);
        if (type == null) {
            return 0;
        }
        return switch (type) {
            case "S" -> v.s().getBytes(StandardCharsets.UTF_8).length;
            case "N" -> v.n().length() / 2 + 1;
            case "B" -> v.b().asByteArrayUnsafe().length;
            case "SS" -> v.ss().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
            case "NS" -> v.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
            case "BS" -> v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case "L" -> 3 + v.l().stream().mapToLong(e -> 1 + valueSize(e)).sum();
            case "M" -> 3 + v.m().entrySet().stream()
                    .mapToLong(e -> 1 + e.getKey().length() + valueSize(e.getValue())).sum();
            default -> 1;
        };
    }

    private static Set<BigDecimal> numberSet(List<String> ns) {
        Set<BigDecimal> s = new HashSet<>();
        ns.forEach(n -> s.add(number(n).stripTrailingZeros()));
        return s;
    }

    private static Set<String> binarySet(List<SdkBytes> bs) {
        Set<String> s = new HashSet<>();
        bs.forEach(b -> s.add(Arrays.toString(b.asByteArrayUnsafe())));
        return s;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
