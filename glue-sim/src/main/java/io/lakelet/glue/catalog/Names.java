package io.lakelet.glue.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/** Glue's names: folded to lower case when stored and looked up (Hive compatibility), and their pattern. */
public final class Names {
    /** Glue's NameString pattern: single-line Unicode without control characters other than tab. */
    public static final Pattern SINGLE_LINE =
            Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");
    public static final Pattern MULTI_LINE =
            Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");

    private Names() {
    }

    /** The stored form of a database, table, connection or function name; null stays null. */
    public static String fold(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
