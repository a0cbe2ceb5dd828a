package io.lakelet.glue.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Grok pattern as Glue's Grok classifiers take it: {@code %{PATTERN:column:type}} references to the
 * built-in patterns (a common subset of Glue's: numbers, words, IPs, dates and times, log levels, URIs)
 * or to custom patterns given one per line as {@code NAME regex}. Each named reference becomes a column,
 * of type string unless the reference names one.
 */
public final class GrokPattern {
    private static final Map<String, String> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("USERNAME", "[a-zA-Z0-9._-]+");
        BUILT_IN.put("USER", "%{USERNAME}");
        BUILT_IN.put("INT", "(?:[+-]?(?:[0-9]+))");
        BUILT_IN.put("BASE10NUM", "(?:[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+))");
        BUILT_IN.put("NUMBER", "(?:%{BASE10NUM})");
        BUILT_IN.put("POSINT", "\\b(?:[1-9][0-9]*)\\b");
        BUILT_IN.put("NONNEGINT", "\\b(?:[0-9]+)\\b");
        BUILT_IN.put("WORD", "\\b\\w+\\b");
        BUILT_IN.put("NOTSPACE", "\\S+");
        BUILT_IN.put("SPACE", "\\s*");
        BUILT_IN.put("DATA", ".*?");
        BUILT_IN.put("GREEDYDATA", ".*");
        BUILT_IN.put("QUOTEDSTRING", "\"(?:[^\"\\\\]|\\\\.)*\"");
        BUILT_IN.put("UUID", "[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}");
        BUILT_IN.put("IPV4", "(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)");
        BUILT_IN.put("IPV6", "[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+");
        BUILT_IN.put("IP", "(?:%{IPV6}|%{IPV4})");
        BUILT_IN.put("HOSTNAME", "\\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*\\.?\\b");
        BUILT_IN.put("IPORHOST", "(?:%{IP}|%{HOSTNAME})");
        BUILT_IN.put("URIPATH", "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%_\\-]*)+");
        BUILT_IN.put("URIPARAM", "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\-\\[\\]]*");
        BUILT_IN.put("URIPATHPARAM", "%{URIPATH}(?:%{URIPARAM})?");
        BUILT_IN.put("MONTHNUM", "(?:0?[1-9]|1[0-2])");
        BUILT_IN.put("MONTHDAY", "(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])");
        BUILT_IN.put("YEAR", "(?:\\d\\d){1,2}");
        BUILT_IN.put("HOUR", "(?:2[0123]|[01]?[0-9])");
        BUILT_IN.put("MINUTE", "(?:[0-5][0-9])");
        BUILT_IN.put("SECOND", "(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)");
        BUILT_IN.put("TIME", "%{HOUR}:%{MINUTE}(?::%{SECOND})?");
        BUILT_IN.put("ISO8601_TIMEZONE", "(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))");
        BUILT_IN.put("TIMESTAMP_ISO8601",
                "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?");
        BUILT_IN.put("DATE", "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}");
        BUILT_IN.put("MONTH", "\\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
                + "|Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b");
        BUILT_IN.put("DAY", "(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?"
                + "|Sun(?:day)?)");
        BUILT_IN.put("HTTPDATE", "%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}");
        BUILT_IN.put("SYSLOGTIMESTAMP", "%{MONTH} +%{MONTHDAY} %{TIME}");
        BUILT_IN.put("LOGLEVEL", "(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo|INFO"
                + "|[Ww]arn(?:ing)?|WARN(?:ING)?|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal"
                + "|FATAL|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)");
    }

    private static final Pattern REF = Pattern.compile("%\\{(\\w+)(?::([\\w.@-]+))?(?::(\\w+))?}");

    private final Pattern regex;
    private final List<Column> columns;
    private final List<String> groups;

    private GrokPattern(Pattern regex, List<Column> columns, List<String> groups) {
        this.regex = regex;
        this.columns = columns;
        this.groups = groups;
    }

    /** Compiles a pattern; throws IllegalArgumentException naming what is wrong. */
    public static GrokPattern compile(String pattern, String customPatterns) {
        Map<String, String> defs = new HashMap<>(BUILT_IN);
        if (customPatterns != null) {
            for (String line : customPatterns.split("\\R")) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int sp = l.indexOf(' ');
                if (sp < 0) {
                    throw new IllegalArgumentException("Invalid custom pattern: " + l);
                }
                defs.put(l.substring(0, sp), l.substring(sp + 1).trim());
            }
        }
        List<Column> columns = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String re = expand(pattern, defs, columns, groups, 0);
        try {
            return new GrokPattern(Pattern.compile(re), columns, groups);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid grok pattern: " + e.getDescription());
        }
    }

    private static String expand(String pattern, Map<String, String> defs, List<Column> columns, List<String> groups,
                                 int depth) {
        if (depth > 20) {
            throw new IllegalArgumentException("Grok patterns nest too deeply");
        }
        Matcher m = REF.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String def = defs.get(m.group(1));
            if (def == null) {
                throw new IllegalArgumentException("Unknown grok pattern: " + m.group(1));
            }
            String inner = expand(def, defs, depth == 0 ? columns : new ArrayList<>(), new ArrayList<>(), depth + 1);
            String replacement;
            if (depth == 0 && m.group(2) != null) {
                String group = "g" + groups.size();
                groups.add(group);
                String type = m.group(3) == null ? "string" : m.group(3).toLowerCase(Locale.ROOT);
                type = switch (type) {
                    case "long" -> "bigint";
                    case "integer" -> "int";
                    default -> type;
                };
                columns.add(new Column(m.group(2).toLowerCase(Locale.ROOT), HiveType.primitive(type)));
                replacement = "(?<" + group + ">" + inner + ")";
            } else {
                replacement = "(?:" + inner + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<Column> columns() {
        return columns;
    }

    public boolean matches(String line) {
        return regex.matcher(line).matches();
    }

    /** Whether most of the sampled lines match (at least 80% of at least one line). */
    public boolean classifies(List<String> lines) {
        if (lines.isEmpty()) {
            return false;
        }
        long matched = lines.stream().filter(this::matches).count();
        return matched * 5 >= lines.size() * 4L;
    }

    int groupCount() {
        return groups.size();
    }
}
