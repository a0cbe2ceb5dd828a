package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Hive type strings as the catalog stores them ({@code array<struct<a:int>>}) as Calcite types. */
final class HiveTypes {
    private HiveTypes() {
    }

    static RelDataType parse(RelDataTypeFactory types, String hiveType) {
        Parser p = new Parser(hiveType == null ? "string" : hiveType, types);
        RelDataType t = p.type();
        return types.createTypeWithNullability(t, true);
    }

    private static final class Parser {
        private final String s;
        private final RelDataTypeFactory types;
        private int i;

        Parser(String s, RelDataTypeFactory types) {
            this.s = s.trim();
            this.types = types;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private String word() {
            skip();
            int start = i;
            if (i < s.length() && s.charAt(i) == '`') {
                int end = s.indexOf('`', i + 1);
                i = end + 1;
                return s.substring(start + 1, end);
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                    || s.charAt(i) == '$')) {
                i++;
            }
            return s.substring(start, i);
        }

        private boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("bad Hive type '" + s + "' at " + i);
            }
            i++;
        }

        private int number() {
            skip();
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            return Integer.parseInt(s.substring(start, i));
        }

        RelDataType type() {
            String name = word().toLowerCase(Locale.ROOT);
            RelDataType t = switch (name) {
                case "string" -> types.createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE);
                case "varchar" -> {
                    if (peek('(')) {
                        expect('(');
                        int n = number();
                        expect(')');
                        yield types.createSqlType(SqlTypeName.VARCHAR, n);
                    }
                    yield types.createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE);
                }
                case "char" -> {
                    int n = 1;
                    if (peek('(')) {
                        expect('(');
                        n = number();
                        expect(')');
                    }
                    yield types.createSqlType(SqlTypeName.CHAR, n);
                }
                case "tinyint" -> types.createSqlType(SqlTypeName.TINYINT);
                case "smallint" -> types.createSqlType(SqlTypeName.SMALLINT);
                case "int", "integer" -> types.createSqlType(SqlTypeName.INTEGER);
                case "bigint" -> types.createSqlType(SqlTypeName.BIGINT);
                case "float", "real" -> types.createSqlType(SqlTypeName.REAL);
                case "double" -> {
                    skip();
                    if (s.regionMatches(true, i, "precision", 0, 9)) {
                        i += 9;
                    }
                    yield types.createSqlType(SqlTypeName.DOUBLE);
                }
                case "boolean" -> types.createSqlType(SqlTypeName.BOOLEAN);
                case "date" -> types.createSqlType(SqlTypeName.DATE);
                case "timestamp" -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
                case "binary", "varbinary" -> types.createSqlType(SqlTypeName.VARBINARY, Integer.MAX_VALUE);
                case "decimal", "numeric" -> {
                    int p = 10;
                    int sc = 0;
                    if (peek('(')) {
                        expect('(');
                        p = number();
                        if (peek(',')) {
                            expect(',');
                            sc = number();
                        }
                        expect(')');
                    }
                    yield types.createSqlType(SqlTypeName.DECIMAL, p, sc);
                }
                case "array" -> {
                    expect('<');
                    RelDataType e = type();
                    expect('>');
                    yield types.createArrayType(types.createTypeWithNullability(e, true), -1);
                }
                case "map" -> {
                    expect('<');
                    RelDataType k = type();
                    expect(',');
                    RelDataType v = type();
                    expect('>');
                    yield types.createMapType(k, types.createTypeWithNullability(v, true));
                }
                case "struct" -> {
                    expect('<');
                    List<String> names = new ArrayList<>();
                    List<RelDataType> fields = new ArrayList<>();
                    while (!peek('>')) {
                        names.add(word().toLowerCase(Locale.ROOT));
                        expect(':');
                        fields.add(types.createTypeWithNullability(type(), true));
                        if (peek(',')) {
                            expect(',');
                        }
                    }
                    expect('>');
                    yield types.createStructType(fields, names);
                }
                default -> throw new IllegalArgumentException("unknown Hive type '" + s + "'");
            };
            return t;
        }
    }
}
