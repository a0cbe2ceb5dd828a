package io.lakelet.core.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists in HTTP headers, as restJson1 carries them: items separated by commas, a string item that holds
 * a comma or a double quote sent as a quoted string with backslash escapes, and {@code http-date}
 * timestamps (which contain a comma themselves) split after every second comma.
 */
final class HeaderLists {
    private HeaderLists() {
    }

    /** The items of a header value; {@code httpDates} when the items are http-date timestamps. */
    static List<String> split(String value, boolean httpDates) {
        List<String> out = new ArrayList<>();
        if (httpDates) {
            String[] parts = value.split(",");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                out.add(parts[i].trim() + ", " + parts[i + 1].trim());
            }
            if (parts.length % 2 == 1) {
                out.add(parts[parts.length - 1].trim());
            }
            return out;
        }
        int i = 0;
        int n = value.length();
        while (i <= n) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            if (i < n && value.charAt(i) == '"') {
                StringBuilder item = new StringBuilder();
                i++;
                while (i < n && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = value.charAt(++i);
                    }
                    item.append(c);
                    i++;
                }
                out.add(item.toString());
                int comma = value.indexOf(',', i);
                i = comma < 0 ? n + 1 : comma + 1;
            } else {
                int comma = value.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                out.add(value.substring(i, end).trim());
                i = end + 1;
            }
        }
        return out;
    }

    /** A string item as it goes into a header list: quoted when it holds a comma or a double quote. */
    static String quoteIfNeeded(String item) {
        if (item.indexOf(',') < 0 && item.indexOf('"') < 0) {
            return item;
        }
        return '"' + item.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
