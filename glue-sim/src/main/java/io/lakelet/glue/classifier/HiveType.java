package io.lakelet.glue.classifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A column type as the crawler infers it, written as Hive writes it ({@code bigint},
 * {@code array<string>}, {@code struct<a:int,b:string>}), and the widening rules applied when files or
 * records disagree: integers widen to the larger integer, integers and floating point to {@code double},
 * anything else that differs to {@code string}; structs merge field by field, arrays by element.
 */
public sealed interface HiveType {
    HiveType NULL = new Primitive("null");
    HiveType STRING = new Primitive("string");
    HiveType BOOLEAN = new Primitive("boolean");
    HiveType INT = new Primitive("int");
    HiveType BIGINT = new Primitive("bigint");
    HiveType DOUBLE = new Primitive("double");

    /** The Hive type string; an unknown (all-null) type is written as {@code string}. */
    String hive();

    record Primitive(String name) implements HiveType {
        @Override
        public String hive() {
            return name.equals("null") ? "string" : name;
        }
    }

    record Array(HiveType element) implements HiveType {
        @Override
        public String hive() {
            return "array<" + element.hive() + ">";
        }
    }

    record MapType(HiveType key, HiveType value) implements HiveType {
        @Override
        public String hive() {
            return "map<" + key.hive() + "," + value.hive() + ">";
        }
    }

    record Struct(Map<String, HiveType> fields) implements HiveType {
        @Override
        public String hive() {
            StringBuilder b = new StringBuilder("struct<");
            int i = 0;
            for (Map.Entry<String, HiveType> f : fields.entrySet()) {
                if (i++ > 0) {
                    b.append(',');
                }
                b.append(f.getKey()).append(':').append(f.getValue().hive());
            }
            return b.append('>').toString();
        }
    }

    static HiveType primitive(String name) {
        return new Primitive(name);
    }

    List<String> INTEGERS = List.of("tinyint", "smallint", "int", "bigint");

    /** The type that holds values of both. */
    static HiveType merge(HiveType a, HiveType b) {
        if (a.equals(b) || b.equals(NULL)) {
            return a;
        }
        if (a.equals(NULL)) {
            return b;
        }
        if (a instanceof Primitive pa && b instanceof Primitive pb) {
            int ia = INTEGERS.indexOf(pa.name());
            int ib = INTEGERS.indexOf(pb.name());
            if (ia >= 0 && ib >= 0) {
                return ia >= ib ? a : b;
            }
            boolean na = ia >= 0 || pa.name().equals("double") || pa.name().equals("float");
            boolean nb = ib >= 0 || pb.name().equals("double") || pb.name().equals("float");
            if (na && nb) {
                return DOUBLE;
            }
            return STRING;
        }
        if (a instanceof Array x && b instanceof Array y) {
            return new Array(merge(x.element(), y.element()));
        }
        if (a instanceof MapType x && b instanceof MapType y) {
            return new MapType(merge(x.key(), y.key()), merge(x.value(), y.value()));
        }
        if (a instanceof Struct x && b instanceof Struct y) {
            Map<String, HiveType> fields = new LinkedHashMap<>(x.fields());
            y.fields().forEach((k, v) -> fields.merge(k, v, HiveType::merge));
            return new Struct(fields);
        }
        return STRING;
    }

    /** The type of one text value of a delimited file: bigint, double, boolean or string (empty: unknown). */
    static HiveType ofText(String v) {
        if (v == null || v.isEmpty()) {
            return NULL;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return BOOLEAN;
        }
        if (isInteger(v)) {
            return BIGINT;
        }
        if (isDecimal(v)) {
            return DOUBLE;
        }
        return STRING;
    }

    private static boolean isInteger(String v) {
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        if (i == v.length() || v.length() - i > 18) {
            return false;
        }
        for (; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimal(String v) {
        if (!v.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
            return false;
        }
        return true;
    }
}
