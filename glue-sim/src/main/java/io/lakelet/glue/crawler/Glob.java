package io.lakelet.glue.crawler;

import java.util.regex.Pattern;

/**
 * An exclude pattern of an S3 target, as Glue documents them: matched against the object's key
 * relative to the include path; {@code *} matches within one folder level, {@code **} across levels,
 * {@code ?} one character, {@code [abc]} and {@code [!a-z]} character classes, {@code {a,b}} alternatives,
 * and {@code \} escapes the next character.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob compile(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    re.append("(?:");
                    braces++;
                }
                case '}' -> {
                    if (braces > 0) {
                        re.append(')');
                        braces--;
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        while (braces-- > 0) {
            re.append(')');
        }
        return new Glob(glob, Pattern.compile(re.toString()));
    }

    /**
     * Whether the key (relative to the include path) is excluded: the pattern matches the key, or one of
     * its folders (so {@code logs/**} and {@code logs} both exclude everything below {@code logs/}).
     */
    public boolean excludes(String relativeKey) {
        if (pattern.matcher(relativeKey).matches()) {
            return true;
        }
        for (int i = relativeKey.indexOf('/'); i >= 0; i = relativeKey.indexOf('/', i + 1)) {
            String folder = relativeKey.substring(0, i);
            if (pattern.matcher(folder).matches() || pattern.matcher(folder + "/").matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
