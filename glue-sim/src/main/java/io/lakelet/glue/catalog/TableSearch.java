package io.lakelet.glue.catalog;

import io.lakelet.glue.model.TableModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PropertyPredicate;
import software.amazon.awssdk.services.glue.model.SortCriterion;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * SearchTables over every table of the catalog. The search text matches (without regard to case) table
 * and database names, descriptions, owners, column names and comments, and parameter values. A filter on
 * a text field splits the field into tokens at punctuation and matches a token exactly, as Glue
 * documents; a filter on a time field ({@code CreateTime}, {@code UpdateTime}) uses its comparator; any
 * other key is looked up in the table's parameters.
 */
public final class TableSearch {
    private final Tables tables;

    public TableSearch(Tables tables) {
        this.tables = tables;
    }

    public Paging.Page<Table> search(Scope scope, String text, List<PropertyPredicate> filters,
                                     List<SortCriterion> sort, String token, int max) {
        List<Table> found = new ArrayList<>();
        tables.forEach(scope, t -> {
            if ((text == null || text.isBlank() || matchesText(t, text.toLowerCase(Locale.ROOT)))
                    && filters.stream().allMatch(f -> matchesFilter(t, f))) {
                found.add(t);
            }
        });
        if (!sort.isEmpty()) {
            SortCriterion s = sort.get(0);
            Comparator<Table> c = Comparator.comparing(t -> sortKey(t, s.fieldName()),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            found.sort("DESC".equals(s.sortAsString()) ? c.reversed() : c);
        }
        int from = token == null || token.isEmpty() ? 0 : offset(token);
        int to = Math.min(found.size(), from + max);
        String next = to < found.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(to)
                        .getBytes(StandardCharsets.UTF_8)) : null;
        return new Paging.Page<>(List.copyOf(found.subList(Math.min(from, found.size()), to)), next);
    }

    private static int offset(String token) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw GlueErrors.invalidInput("Invalid NextToken: " + token);
        }
    }

    private static boolean matchesText(Table t, String text) {
        List<String> fields = new ArrayList<>(List.of(nz(t.name()), nz(t.databaseName()), nz(t.description()),
                nz(t.owner())));
        for (Column c : TableModel.columns(t)) {
            fields.add(nz(c.name()));
            fields.add(nz(c.comment()));
        }
        fields.addAll(t.parameters().values());
        String quoted = text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : null;
        for (String f : fields) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (quoted != null ? lower.equals(quoted) : lower.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesFilter(Table t, PropertyPredicate p) {
        String key = p.key();
        if ("CreateTime".equals(key) || "UpdateTime".equals(key)) {
            Instant value = "CreateTime".equals(key) ? t.createTime() : t.updateTime();
            int c = value.compareTo(instant(p.value()));
            String op = p.comparatorAsString() == null ? "EQUALS" : p.comparatorAsString();
            return switch (op) {
                case "GREATER_THAN" -> c > 0;
                case "LESS_THAN" -> c < 0;
                case "GREATER_THAN_EQUALS" -> c >= 0;
                case "LESS_THAN_EQUALS" -> c <= 0;
                default -> c == 0;
            };
        }
        String field = switch (key == null ? "" : key) {
            case "Name" -> t.name();
            case "DatabaseName" -> t.databaseName();
            case "Description" -> t.description();
            case "Owner" -> t.owner();
            case "TableType" -> t.tableType();
            default -> t.parameters().get(key);
        };
        if (field == null || p.value() == null) {
            return false;
        }
        String value = p.value().toLowerCase(Locale.ROOT);
        String lower = field.toLowerCase(Locale.ROOT);
        if (lower.equals(value)) {
            return true;
        }
        for (String tokenPart : lower.split("[\\p{Punct}\\s]+")) {
            if (tokenPart.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(value));
            } catch (NumberFormatException ex) {
                throw GlueErrors.invalidInput("Invalid value for a time field: " + value);
            }
        }
    }

    @SuppressWarnings({"rawtypes"})
    private static Comparable sortKey(Table t, String field) {
        return switch (field == null ? "" : field) {
            case "DatabaseName" -> t.databaseName();
            case "CreateTime" -> t.createTime();
            case "UpdateTime" -> t.updateTime();
            case "Owner" -> t.owner();
            case "TableType" -> t.tableType();
            default -> t.name();
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
