package io.lakelet.sql.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Trino's functions that Calcite lacks or spells differently, as Java methods Calcite's generated code
 * calls with values in its internal form (TIMESTAMP as epoch milliseconds in a Long, DATE as epoch days in
 * an Integer, VARBINARY as ByteString, ARRAY as List, MAP as Map). Every method returns NULL for a NULL
 * argument, as Trino's functions do.
 */
public final class TrinoFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private TrinoFunctions() {
    }

    static SqlOperatorTable operatorTable() {
        return Holder.TABLE;
    }

    /** Built after every static field above is set. */
    private static final class Holder {
        static final SqlOperatorTable TABLE = build();
    }

    // Registration.

    private static SqlReturnTypeInference nullable(SqlTypeName type) {
        return ReturnTypes.explicit(type).andThen(SqlTypeTransforms.FORCE_NULLABLE);
    }

    private static final SqlReturnTypeInference TIMESTAMP = b -> b.getTypeFactory().createTypeWithNullability(
            b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 3), true);
    private static final SqlReturnTypeInference VARCHAR = b -> b.getTypeFactory().createTypeWithNullability(
            b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE), true);
    private static final SqlReturnTypeInference VARBINARY = b -> b.getTypeFactory().createTypeWithNullability(
            b.getTypeFactory().createSqlType(SqlTypeName.VARBINARY, Integer.MAX_VALUE), true);
    private static final SqlReturnTypeInference VARCHAR_ARRAY = b -> b.getTypeFactory().createTypeWithNullability(
            b.getTypeFactory().createArrayType(b.getTypeFactory().createTypeWithNullability(
                    b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE), true), -1), true);
    private static final SqlReturnTypeInference BIGINT_ARRAY = b -> b.getTypeFactory().createTypeWithNullability(
            b.getTypeFactory().createArrayType(b.getTypeFactory().createSqlType(SqlTypeName.BIGINT), -1), true);
    private static final SqlReturnTypeInference ARG1_NULLABLE = ReturnTypes.ARG1.andThen(SqlTypeTransforms.FORCE_NULLABLE);
    private static final SqlReturnTypeInference ARG2_NULLABLE = ReturnTypes.ARG2.andThen(SqlTypeTransforms.FORCE_NULLABLE);
    private static final SqlReturnTypeInference ELEMENT = TrinoFunctions::elementType;

    private static RelDataType elementType(SqlOperatorBinding b) {
        RelDataType container = b.getOperandType(0);
        RelDataType element = container.getSqlTypeName() == SqlTypeName.MAP ? container.getValueType()
                : container.getComponentType();
        if (element == null) {
            element = b.getTypeFactory().createSqlType(SqlTypeName.ANY);
        }
        return b.getTypeFactory().createTypeWithNullability(element, true);
    }

    private static final List<SqlOperator> OPERATORS = new ArrayList<>();

    private static void add(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker checker, String method) {
        Method m = null;
        for (Class<?> functions : List.of(TrinoFunctions.class, TrinoDateFunctions.class)) {
            for (Method candidate : functions.getMethods()) {
                if (candidate.getName().equals(method)) {
                    m = candidate;
                }
            }
        }
        Objects.requireNonNull(m, method);
        OPERATORS.add(new Udf(name, ret, checker, ScalarFunctionImpl.createUnsafe(m)));
    }

    private static SqlOperandTypeChecker fam(SqlTypeFamily... families) {
        return OperandTypes.family(families);
    }

    private static SqlOperatorTable build() {
        SqlTypeFamily str = SqlTypeFamily.CHARACTER;
        SqlTypeFamily num = SqlTypeFamily.NUMERIC;
        SqlTypeFamily any = SqlTypeFamily.ANY;
        SqlTypeFamily dt = SqlTypeFamily.DATETIME;
        add("date_trunc", ARG1_NULLABLE, fam(str, dt), "dateTrunc");
        add("date_add", ARG2_NULLABLE, fam(str, SqlTypeFamily.INTEGER, dt), "dateAdd");
        add("date_diff", nullable(SqlTypeName.BIGINT), fam(str, dt, dt), "dateDiff");
        add("date_format", VARCHAR, fam(dt, str), "dateFormat");
        add("date_parse", TIMESTAMP, fam(str, str), "dateParse");
        add("from_unixtime", TIMESTAMP, fam(num), "fromUnixtime");
        add("to_unixtime", nullable(SqlTypeName.DOUBLE), fam(dt), "toUnixtime");
        add("from_iso8601_timestamp", TIMESTAMP, fam(str), "fromIso8601Timestamp");
        add("from_iso8601_date", nullable(SqlTypeName.DATE), fam(str), "fromIso8601Date");
        add("to_iso8601", VARCHAR, fam(dt), "toIso8601");
        add("day_of_week", nullable(SqlTypeName.BIGINT), fam(dt), "dayOfWeek");
        add("dow", nullable(SqlTypeName.BIGINT), fam(dt), "dayOfWeek");
        add("substr", VARCHAR, fam(str, num), "substr2");
        add("substr", VARCHAR, fam(str, num, num), "substr3");
        add("substring", VARCHAR, fam(str, num), "substr2");
        add("substring", VARCHAR, fam(str, num, num), "substr3");
        add("length", nullable(SqlTypeName.BIGINT), fam(str), "length");
        add("split", VARCHAR_ARRAY, fam(str, str), "split2");
        add("split", VARCHAR_ARRAY, fam(str, str, num), "split3");
        add("regexp_like", nullable(SqlTypeName.BOOLEAN), fam(str, str), "regexpLike");
        add("regexp_extract", VARCHAR, fam(str, str), "regexpExtract2");
        add("regexp_extract", VARCHAR, fam(str, str, num), "regexpExtract3");
        add("regexp_extract_all", VARCHAR_ARRAY, fam(str, str), "regexpExtractAll2");
        add("regexp_replace", VARCHAR, fam(str, str), "regexpReplace2");
        add("regexp_replace", VARCHAR, fam(str, str, str), "regexpReplace3");
        add("json_extract", VARCHAR, fam(str, str), "jsonExtract");
        add("json_extract_scalar", VARCHAR, fam(str, str), "jsonExtractScalar");
        add("json_array_length", nullable(SqlTypeName.BIGINT), fam(str), "jsonArrayLength");
        add("json_size", nullable(SqlTypeName.BIGINT), fam(str, str), "jsonSize");
        add("json_parse", VARCHAR, fam(str), "jsonParse");
        add("json_format", VARCHAR, fam(str), "jsonParse");
        add("to_utf8", VARBINARY, fam(str), "toUtf8");
        add("from_utf8", VARCHAR, fam(SqlTypeFamily.BINARY), "fromUtf8");
        add("to_hex", VARCHAR, fam(SqlTypeFamily.BINARY), "toHex");
        add("from_hex", VARBINARY, fam(str), "fromHex");
        add("md5", VARBINARY, fam(SqlTypeFamily.BINARY), "md5");
        add("sha1", VARBINARY, fam(SqlTypeFamily.BINARY), "sha1");
        add("sha256", VARBINARY, fam(SqlTypeFamily.BINARY), "sha256");
        add("sha512", VARBINARY, fam(SqlTypeFamily.BINARY), "sha512");
        add("element_at", ELEMENT, OperandTypes.or(fam(SqlTypeFamily.ARRAY, SqlTypeFamily.INTEGER),
                fam(SqlTypeFamily.MAP, any)), "elementAt");
        add("contains", nullable(SqlTypeName.BOOLEAN), fam(SqlTypeFamily.ARRAY, any), "contains");
        add("sequence", BIGINT_ARRAY, fam(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER), "sequence2");
        add("sequence", BIGINT_ARRAY, fam(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
                "sequence3");
        add("to_base64", VARCHAR, fam(SqlTypeFamily.BINARY), "toBase64");
        add("from_base64", VARBINARY, fam(str), "fromBase64");
        add("url_extract_host", VARCHAR, fam(str), "urlExtractHost");
        add("url_extract_path", VARCHAR, fam(str), "urlExtractPath");
        OPERATORS.add(ApproxPercentile.OPERATOR);
        return SqlOperatorTables.of(OPERATORS);
    }

    // Strings.

    public static String substr2(String s, Number start) {
        return s == null || start == null ? null : substr3(s, start, (long) Integer.MAX_VALUE);
    }

    public static String substr3(String s, Number start, Number length) {
        if (s == null || start == null || length == null) {
            return null;
        }
        long st = start.longValue();
        long len = length.longValue();
        int cps = s.codePointCount(0, s.length());
        if (st == 0 || len <= 0) {
            return "";
        }
        long from = st > 0 ? st - 1 : cps + st;
        if (from < 0 || from >= cps) {
            return "";
        }
        long to = Math.min(cps, from + len);
        int a = s.offsetByCodePoints(0, (int) from);
        int b = s.offsetByCodePoints(0, (int) to);
        return s.substring(a, b);
    }

    public static Long length(String s) {
        return s == null ? null : (long) s.codePointCount(0, s.length());
    }

    public static List<String> split2(String s, String delimiter) {
        return s == null || delimiter == null ? null : split3(s, delimiter, Long.MAX_VALUE);
    }

    public static List<String> split3(String s, String delimiter, Number limit) {
        if (s == null || delimiter == null || limit == null) {
            return null;
        }
        if (delimiter.isEmpty()) {
            throw new InvalidFunctionArgument("The delimiter may not be the empty string");
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (out.size() < limit.longValue() - 1) {
            int at = s.indexOf(delimiter, from);
            if (at < 0) {
                break;
            }
            out.add(s.substring(from, at));
            from = at + delimiter.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (RuntimeException e) {
                throw new InvalidFunctionArgument("Invalid regular expression: " + r);
            }
        });
    }

    public static Boolean regexpLike(String s, String regex) {
        return s == null || regex == null ? null : pattern(regex).matcher(s).find();
    }

    public static String regexpExtract2(String s, String regex) {
        return regexpExtract3(s, regex, 0);
    }

    public static String regexpExtract3(String s, String regex, Number group) {
        if (s == null || regex == null || group == null) {
            return null;
        }
        Matcher m = pattern(regex).matcher(s);
        if (group.intValue() > m.groupCount()) {
            throw new InvalidFunctionArgument("Pattern has " + m.groupCount() + " groups. Cannot access group "
                    + group.intValue());
        }
        return m.find() ? m.group(group.intValue()) : null;
    }

    public static List<String> regexpExtractAll2(String s, String regex) {
        if (s == null || regex == null) {
            return null;
        }
        Matcher m = pattern(regex).matcher(s);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public static String regexpReplace2(String s, String regex) {
        return regexpReplace3(s, regex, "");
    }

    public static String regexpReplace3(String s, String regex, String replacement) {
        if (s == null || regex == null || replacement == null) {
            return null;
        }
        return pattern(regex).matcher(s).replaceAll(replacement);
    }

    public static String urlExtractHost(String url) {
        try {
            return url == null ? null : java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String urlExtractPath(String url) {
        try {
            return url == null ? null : java.net.URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // JSON: a subset of JSONPath ($, .key, ["key"], [index]) as Trino's json_extract reads it.

    private static JsonNode path(String json, String path) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
        String p = path.trim();
        if (!p.startsWith("$")) {
            throw new InvalidFunctionArgument("Invalid JSON path: '" + path + "'");
        }
        int i = 1;
        while (node != null && i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                node = node.get(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    throw new InvalidFunctionArgument("Invalid JSON path: '" + path + "'");
                }
                String key = p.substring(i + 1, end).trim();
                if (key.startsWith("\"") || key.startsWith("'")) {
                    node = node.get(key.substring(1, key.length() - 1));
                } else {
                    node = node.isArray() ? node.get(Integer.parseInt(key)) : null;
                }
                i = end + 1;
            } else {
                throw new InvalidFunctionArgument("Invalid JSON path: '" + path + "'");
            }
        }
        return node;
    }

    public static String jsonExtract(String json, String path) {
        if (json == null || path == null) {
            return null;
        }
        JsonNode node = path(json, path);
        return node == null ? null : node.toString();
    }

    public static String jsonExtractScalar(String json, String path) {
        if (json == null || path == null) {
            return null;
        }
        JsonNode node = path(json, path);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }

    public static Long jsonArrayLength(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = path(json, "$");
        return node != null && node.isArray() ? (long) node.size() : null;
    }

    public static Long jsonSize(String json, String path) {
        if (json == null || path == null) {
            return null;
        }
        JsonNode node = path(json, path);
        return node == null ? null : node.isContainerNode() ? (long) node.size() : 0L;
    }

    public static String jsonParse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new InvalidCast("Cannot convert value to JSON: '" + json + "'");
        }
    }

    // Binary.

    public static ByteString toUtf8(String s) {
        return s == null ? null : new ByteString(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String fromUtf8(ByteString b) {
        return b == null ? null : new String(b.getBytes(), StandardCharsets.UTF_8);
    }

    public static String toHex(ByteString b) {
        return b == null ? null : HexFormat.of().withUpperCase().formatHex(b.getBytes());
    }

    public static ByteString fromHex(String s) {
        return s == null ? null : new ByteString(HexFormat.of().parseHex(s));
    }

    public static String toBase64(ByteString b) {
        return b == null ? null : java.util.Base64.getEncoder().encodeToString(b.getBytes());
    }

    public static ByteString fromBase64(String s) {
        return s == null ? null : new ByteString(java.util.Base64.getDecoder().decode(s));
    }

    private static ByteString digest(String algorithm, ByteString b) {
        if (b == null) {
            return null;
        }
        try {
            return new ByteString(MessageDigest.getInstance(algorithm).digest(b.getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ByteString md5(ByteString b) {
        return digest("MD5", b);
    }

    public static ByteString sha1(ByteString b) {
        return digest("SHA-1", b);
    }

    public static ByteString sha256(ByteString b) {
        return digest("SHA-256", b);
    }

    public static ByteString sha512(ByteString b) {
        return digest("SHA-512", b);
    }

    // Arrays and maps.

    public static Object elementAt(Object container, Object key) {
        if (container == null || key == null) {
            return null;
        }
        if (container instanceof List<?> list) {
            long i = ((Number) key).longValue();
            if (i == 0) {
                throw new InvalidFunctionArgument("SQL array indices start at 1");
            }
            long index = i > 0 ? i - 1 : list.size() + i;
            return index < 0 || index >= list.size() ? null : list.get((int) index);
        }
        if (container instanceof Map<?, ?> map) {
            Object v = map.get(key);
            if (v == null && key instanceof Number n) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() instanceof Number k && k.doubleValue() == n.doubleValue()) {
                        return e.getValue();
                    }
                }
            }
            return v;
        }
        return null;
    }

    public static Boolean contains(List<?> array, Object value) {
        if (array == null || value == null) {
            return null;
        }
        boolean sawNull = false;
        for (Object o : array) {
            if (o == null) {
                sawNull = true;
            } else if (o.equals(value) || (o instanceof Number a && value instanceof Number b
                    && a.doubleValue() == b.doubleValue())) {
                return true;
            }
        }
        return sawNull ? null : false;
    }

    public static List<Long> sequence2(Number start, Number stop) {
        return sequence3(start, stop, start == null || stop == null ? 1 : stop.longValue() >= start.longValue() ? 1 : -1);
    }

    public static List<Long> sequence3(Number start, Number stop, Number step) {
        if (start == null || stop == null || step == null) {
            return null;
        }
        long s = step.longValue();
        if (s == 0 || (s > 0 && stop.longValue() < start.longValue()) || (s < 0 && stop.longValue() > start.longValue())) {
            throw new InvalidFunctionArgument("sequence stop value should be greater than or equal to start value if "
                    + "step is greater than zero otherwise stop should be less than or equal to start");
        }
        List<Long> out = new ArrayList<>();
        for (long v = start.longValue(); s > 0 ? v <= stop.longValue() : v >= stop.longValue(); v += s) {
            out.add(v);
            if (out.size() > 10_000) {
                throw new InvalidFunctionArgument("result of sequence function must not have more than 10000 entries");
            }
        }
        return out;
    }

    /** A function implemented by a Java method, whose operands a type checker of families describes. */
    private static final class Udf extends SqlUserDefinedFunction {
        private final SqlOperandTypeChecker checker;

        Udf(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker checker,
            org.apache.calcite.schema.Function function) {
            super(new SqlIdentifier(name, SqlParserPos.ZERO), org.apache.calcite.sql.SqlKind.OTHER_FUNCTION, ret,
                    InferTypes.FIRST_KNOWN, null, function);
            this.checker = checker;
        }

        @Override
        public org.apache.calcite.sql.SqlOperandCountRange getOperandCountRange() {
            return checker.getOperandCountRange();
        }

        @Override
        public boolean checkOperandTypes(org.apache.calcite.sql.SqlCallBinding binding, boolean throwOnFailure) {
            return checker.checkOperandTypes(binding, throwOnFailure);
        }

        @Override
        public String getAllowedSignatures(String name) {
            return checker.getAllowedSignatures(this, name);
        }
    }

    /** A function given an argument it does not accept (Trino's INVALID_FUNCTION_ARGUMENT). */
    static final class InvalidFunctionArgument extends RuntimeException {
        InvalidFunctionArgument(String message) {
            super(message);
        }
    }

    /** A value that cannot be cast (Trino's INVALID_CAST_ARGUMENT). */
    static final class InvalidCast extends RuntimeException {
        InvalidCast(String message) {
            super(message);
        }
    }

}
