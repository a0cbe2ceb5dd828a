package io.lakelet.sql.query;

import java.util.Locale;

/**
 * Trino type names ({@code array(row(a bigint, b varchar))}) as the Hive type strings
 * {@link HiveTypes} reads ({@code array<struct<a:bigint,b:string>>}), and Calcite types back to Trino names.
 */
final class TrinoTypeNames {
    private TrinoTypeNames() {
    }

    static String toHive(String trino) {
        return new Converter(trino.trim()).type();
    }

    private static final class Converter {
        private final String s;
        private int i;

        Converter(String s) {
            this.s = s;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private String word() {
            skip();
            int start = i;
            if (i < s.length() && s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                i = end + 1;
                return s.substring(start + 1, end);
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            return s.substring(start, i);
        }

        private String args() {
            skip();
            if (i >= s.length() || s.charAt(i) != '(') {
                return "";
            }
            int end = s.indexOf(')', i);
            String out = s.substring(i, end + 1);
            i = end + 1;
            return out;
        }

        String type() {
            String name = word().toLowerCase(Locale.ROOT);
            switch (name) {
                case "array": {
                    expect('(');
                    String e = type();
                    expect(')');
                    return "array<" + e + ">";
                }
                case "map": {
                    expect('(');
                    String k = type();
                    expect(',');
                    String v = type();
                    expect(')');
                    return "map<" + k + "," + v + ">";
                }
                case "row": {
                    expect('(');
                    StringBuilder b = new StringBuilder("struct<");
                    boolean first = true;
                    while (true) {
                        skip();
                        if (s.charAt(i) == ')') {
                            i++;
                            break;
                        }
                        if (!first) {
                            expect(',');
                        }
                        first = false;
                        String field = word();
                        String t = type();
                        b.append(first ? "" : "").append(b.length() > 7 ? "," : "").append(field).append(':').append(t);
                    }
                    return b.append('>').toString();
                }
                case "timestamp": {
                    args();
                    skip();
                    if (s.startsWith("with time zone", i)) {
                        i += "with time zone".length();
                    }
                    return "timestamp";
                }
                case "double": {
                    skip();
                    if (s.startsWith("precision", i)) {
                        i += "precision".length();
                    }
                    return "double";
                }
                case "varchar": {
                    String a = args();
                    return a.isEmpty() ? "string" : "varchar" + a;
                }
                case "real":
                    return "float";
                case "json":
                    return "string";
                default:
                    return name + args();
            }
        }

        private void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("bad Trino type '" + s + "'");
            }
            i++;
        }
    }
}
