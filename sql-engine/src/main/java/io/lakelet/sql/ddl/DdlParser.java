package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.sql.ddl.DdlStatement.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recursive-descent parser for the statements Athena runs outside its query engine: Hive DDL
 * (databases, external tables, partitions, MSCK REPAIR), views, CREATE TABLE AS, INSERT INTO, SHOW and
 * DESCRIBE. Queries embedded in a statement (the SELECT of a view, CTAS or INSERT) are not parsed: their
 * text is handed on as written.
 */
final class DdlParser extends TokenCursor {

    private DdlParser(String sql) {
        super(sql);
    }

    static DdlStatement parse(String sql) {
        return new DdlParser(sql).statement();
    }

    private DdlStatement statement() {
        Token first = peek();
        DdlStatement statement;
        if (accept("CREATE")) {
            statement = create();
        } else if (accept("DROP")) {
            statement = drop();
        } else if (accept("ALTER")) {
            statement = alter();
        } else if (accept("MSCK")) {
            expect("REPAIR");
            expect("TABLE");
            statement = new RepairTable(name());
        } else if (accept("SHOW")) {
            statement = show();
        } else if (accept("DESCRIBE") || accept("DESC")) {
            statement = describe();
        } else if (accept("INSERT")) {
            statement = insert();
        } else if (accept("UNLOAD")) {
            statement = unload(first);
        } else {
            throw mismatched(first, "'ALTER'", "'CREATE'", "'DESCRIBE'", "'DROP'", "'INSERT'", "'MSCK'", "'SHOW'",
                    "'UNLOAD'");
        }
        acceptSymbol(";");
        if (peek().kind() != Token.Kind.EOF) {
            throw DdlErrors.syntax(peek(), "mismatched input " + peek().display() + ". Expecting: <EOF>");
        }
        return statement;
    }

    // CREATE ...

    private DdlStatement create() {
        if (accept("DATABASE") || accept("SCHEMA")) {
            return createDatabase();
        }
        if (accept("OR")) {
            expect("REPLACE");
            expect("VIEW");
            return createView(true);
        }
        if (accept("VIEW")) {
            return createView(false);
        }
        if (accept("EXTERNAL")) {
            expect("TABLE");
            return createTable(true);
        }
        if (accept("TABLE")) {
            return createTable(false);
        }
        throw mismatched(peek(), "'DATABASE'", "'EXTERNAL'", "'OR'", "'SCHEMA'", "'TABLE'", "'VIEW'");
    }

    private DdlStatement createDatabase() {
        boolean ifNotExists = ifNotExists();
        String name = objectName();
        String comment = null;
        String location = null;
        Map<String, String> properties = Map.of();
        while (peek().kind() != Token.Kind.EOF) {
            if (accept("COMMENT")) {
                comment = string();
            } else if (accept("LOCATION")) {
                location = string();
            } else if (accept("WITH")) {
                expect("DBPROPERTIES");
                properties = properties();
            } else {
                throw mismatched(peek(), "'COMMENT'", "'LOCATION'", "'WITH'", "<EOF>");
            }
        }
        return new CreateDatabase(name, ifNotExists, comment, location, properties);
    }

    private DdlStatement createView(boolean orReplace) {
        Name view = name();
        Token as = expect("AS");
        return new CreateView(view, orReplace, rest(as));
    }

    private DdlStatement createTable(boolean external) {
        boolean ifNotExists = ifNotExists();
        Name table = name();
        if (!external && (peek().isWord("WITH") || peek().isWord("AS"))) {
            return createTableAs(table, ifNotExists);
        }
        List<Column> columns = List.of();
        if (peek().isSymbol("(")) {
            columns = columns();
        }
        String comment = null;
        List<Column> partitionKeys = List.of();
        List<String> bucketColumns = List.of();
        int buckets = 0;
        RowFormat rowFormat = null;
        String storedAs = null;
        String inputFormat = null;
        String outputFormat = null;
        String location = null;
        Map<String, String> properties = Map.of();
        while (peek().kind() != Token.Kind.EOF) {
            if (accept("COMMENT")) {
                comment = string();
            } else if (accept("PARTITIONED")) {
                expect("BY");
                partitionKeys = columns();
            } else if (accept("CLUSTERED")) {
                expect("BY");
                bucketColumns = identifierList();
                if (accept("SORTED")) {
                    expect("BY");
                    identifierList();
                }
                expect("INTO");
                buckets = number();
                expect("BUCKETS");
            } else if (accept("ROW")) {
                expect("FORMAT");
                rowFormat = rowFormat();
            } else if (accept("STORED")) {
                expect("AS");
                if (accept("INPUTFORMAT")) {
                    inputFormat = string();
                    expect("OUTPUTFORMAT");
                    outputFormat = string();
                } else {
                    Token format = next();
                    if (format.kind() != Token.Kind.WORD) {
                        throw mismatched(format, "<identifier>", "'INPUTFORMAT'");
                    }
                    storedAs = format.upper();
                }
            } else if (accept("LOCATION")) {
                location = string();
            } else if (accept("TBLPROPERTIES")) {
                properties = properties();
            } else {
                throw mismatched(peek(), "'CLUSTERED'", "'COMMENT'", "'LOCATION'", "'PARTITIONED'", "'ROW'",
                        "'STORED'", "'TBLPROPERTIES'", "<EOF>");
            }
        }
        return new CreateTable(table, external, ifNotExists, columns, comment, partitionKeys, bucketColumns, buckets,
                rowFormat, storedAs, inputFormat, outputFormat, location, properties);
    }

    private RowFormat rowFormat() {
        if (accept("SERDE")) {
            String serde = string();
            Map<String, String> parameters = new LinkedHashMap<>();
            if (accept("WITH")) {
                expect("SERDEPROPERTIES");
                parameters.putAll(properties());
            }
            return new RowFormat(serde, parameters);
        }
        expect("DELIMITED");
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            if (accept("FIELDS")) {
                expect("TERMINATED");
                expect("BY");
                String delim = string();
                parameters.put("field.delim", delim);
                parameters.put("serialization.format", delim);
                if (accept("ESCAPED")) {
                    expect("BY");
                    parameters.put("escape.delim", string());
                }
            } else if (accept("COLLECTION")) {
                expect("ITEMS");
                expect("TERMINATED");
                expect("BY");
                parameters.put("collection.delim", string());
            } else if (accept("MAP")) {
                expect("KEYS");
                expect("TERMINATED");
                expect("BY");
                parameters.put("mapkey.delim", string());
            } else if (accept("LINES")) {
                expect("TERMINATED");
                expect("BY");
                parameters.put("line.delim", string());
            } else if (accept("NULL")) {
                expect("DEFINED");
                expect("AS");
                parameters.put("serialization.null.format", string());
            } else {
                return new RowFormat(null, parameters);
            }
        }
    }

    private DdlStatement createTableAs(Name table, boolean ifNotExists) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Token> propertyAt = new LinkedHashMap<>();
        if (accept("WITH")) {
            withProperties(properties, propertyAt);
        }
        Token as = expect("AS");
        // A trailing WITH [NO] DATA belongs to the statement, not to the query.
        int end = tokens.size() - 1;
        boolean withData = true;
        if (end >= 3 && tokens.get(end - 1).isWord("DATA")) {
            if (tokens.get(end - 2).isWord("NO") && tokens.get(end - 3).isWord("WITH")) {
                withData = false;
                end -= 3;
            } else if (tokens.get(end - 2).isWord("WITH")) {
                end -= 2;
            }
        }
        String query = sql.substring(as.end(), tokens.get(end).offset()).strip();
        index = tokens.size() - 1;
        return new CreateTableAs(table, ifNotExists, properties, propertyAt, query, withData);
    }

    /** {@code (name = value, ...)}: Trino table properties, remembering where each name is. */
    private void withProperties(Map<String, Object> properties, Map<String, Token> propertyAt) {
        expectSymbol("(");
        do {
            Token key = peek();
            String name = identifier();
            expectSymbol("=");
            propertyAt.put(name, key);
            properties.put(name, propertyValue());
        } while (acceptSymbol(","));
        expectSymbol(")");
    }

    private DdlStatement unload(Token at) {
        Token open = peek();
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.kind() == Token.Kind.EOF) {
                throw mismatched(t, "')'");
            }
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        }
        String query = sql.substring(open.end(), tokens.get(index - 1).offset()).strip();
        expect("TO");
        String location = string();
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Token> propertyAt = new LinkedHashMap<>();
        if (accept("WITH")) {
            withProperties(properties, propertyAt);
        }
        return new Unload(query, location, properties, propertyAt, at);
    }

    private Object propertyValue() {
        if (accept("ARRAY")) {
            expectSymbol("[");
            List<String> items = new ArrayList<>();
            if (!peek().isSymbol("]")) {
                do {
                    items.add(string());
                } while (acceptSymbol(","));
            }
            expectSymbol("]");
            return items;
        }
        Token t = next();
        return switch (t.kind()) {
            case STRING, NUMBER -> t.text();
            case WORD -> t.text().toLowerCase(Locale.ROOT);
            default -> throw mismatched(t, "<expression>");
        };
    }

    // DROP ...

    private DdlStatement drop() {
        if (accept("DATABASE") || accept("SCHEMA")) {
            boolean ifExists = ifExists();
            String name = objectName();
            boolean cascade = false;
            if (accept("CASCADE")) {
                cascade = true;
            } else {
                accept("RESTRICT");
            }
            return new DropDatabase(name, ifExists, cascade);
        }
        if (accept("TABLE")) {
            boolean ifExists = ifExists();
            return new DropTable(name(), ifExists);
        }
        if (accept("VIEW")) {
            boolean ifExists = ifExists();
            return new DropView(name(), ifExists);
        }
        throw mismatched(peek(), "'DATABASE'", "'SCHEMA'", "'TABLE'", "'VIEW'");
    }

    // ALTER TABLE ...

    private DdlStatement alter() {
        if (accept("DATABASE") || accept("SCHEMA")) {
            String database = objectName();
            expect("SET");
            expect("DBPROPERTIES");
            return new SetDatabaseProperties(database, properties());
        }
        if (peek().isWord("VIEW")) {
            throw DdlErrors.semantic("Unsupported DDL: ALTER VIEW");
        }
        expect("TABLE");
        Name table = name();
        if (accept("ADD")) {
            if (accept("COLUMNS")) {
                return new AddColumns(table, columns(), false);
            }
            boolean ifNotExists = ifNotExists();
            List<PartitionSpec> partitions = new ArrayList<>();
            do {
                partitions.add(partitionSpec(true));
            } while (peek().isWord("PARTITION"));
            return new AddPartitions(table, ifNotExists, partitions);
        }
        if (accept("DROP")) {
            boolean ifExists = ifExists();
            List<PartitionSpec> partitions = new ArrayList<>();
            do {
                partitions.add(partitionSpec(false));
            } while (acceptSymbol(","));
            return new DropPartitions(table, ifExists, partitions);
        }
        if (accept("REPLACE")) {
            expect("COLUMNS");
            return new AddColumns(table, columns(), true);
        }
        if (peek().isWord("PARTITION")) {
            PartitionSpec partition = partitionSpec(false);
            if (accept("RENAME")) {
                expect("TO");
                return new RenamePartition(table, partition, partitionSpec(false));
            }
            if (!peek().isWord("SET")) {
                throw DdlErrors.semantic("Unsupported DDL: ALTER TABLE partitionSpec " + peek().upper());
            }
            expect("SET");
            expect("LOCATION");
            return new SetLocation(table, partition, string());
        }
        if (accept("CHANGE")) {
            accept("COLUMN");
            String oldName = identifier();
            String newName = identifier();
            String type = type();
            String comment = accept("COMMENT") ? string() : null;
            boolean first = accept("FIRST");
            String after = !first && accept("AFTER") ? identifier() : null;
            if (!accept("CASCADE")) {
                accept("RESTRICT");
            }
            return new ChangeColumn(table, oldName, new Column(newName, type, comment), first, after);
        }
        if (accept("SET")) {
            if (accept("LOCATION")) {
                return new SetLocation(table, null, string());
            }
            if (accept("TBLPROPERTIES")) {
                return new SetTableProperties(table, properties());
            }
            throw mismatched(peek(), "'LOCATION'", "'TBLPROPERTIES'");
        }
        if (peek().isWord("RENAME") || peek().isWord("UNSET")
                || peek().isWord("TOUCH") || peek().isWord("ARCHIVE") || peek().isWord("COMPACT")) {
            String what = next().upper();
            throw DdlErrors.semantic("Unsupported DDL: ALTER TABLE " + what);
        }
        throw mismatched(peek(), "'ADD'", "'CHANGE'", "'DROP'", "'PARTITION'", "'REPLACE'", "'SET'");
    }

    private PartitionSpec partitionSpec(boolean withLocation) {
        expect("PARTITION");
        expectSymbol("(");
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        do {
            String key = identifier();
            expectSymbol("=");
            Token value = next();
            if (value.kind() == Token.Kind.SYMBOL || value.kind() == Token.Kind.EOF) {
                throw mismatched(value, "<literal>");
            }
            values.put(key, value.text());
        } while (acceptSymbol(","));
        expectSymbol(")");
        String location = null;
        if (withLocation && accept("LOCATION")) {
            location = string();
        }
        return new PartitionSpec(values, location);
    }

    // SHOW, DESCRIBE, INSERT

    private DdlStatement show() {
        if (accept("DATABASES") || accept("SCHEMAS")) {
            String like = null;
            if (accept("LIKE") || peek().kind() == Token.Kind.STRING) {
                like = string();
            }
            return new ShowDatabases(like);
        }
        if (accept("TABLES") || peek().isWord("VIEWS")) {
            boolean views = accept("VIEWS");
            String database = null;
            if (accept("IN") || accept("FROM")) {
                database = objectName();
            }
            String pattern = null;
            if (accept("LIKE") || peek().kind() == Token.Kind.STRING) {
                pattern = string();
            }
            return new ShowTables(database, pattern, views);
        }
        if (accept("PARTITIONS")) {
            return new ShowPartitions(name());
        }
        if (accept("COLUMNS")) {
            if (!accept("IN")) {
                expect("FROM");
            }
            Name table = name();
            if (accept("IN") || accept("FROM")) {
                table = new Name(identifier(), table.name(), table.at());
            }
            return new ShowColumns(table);
        }
        if (accept("CREATE")) {
            if (accept("VIEW")) {
                return new ShowCreateTable(name(), true);
            }
            expect("TABLE");
            return new ShowCreateTable(name(), false);
        }
        if (accept("TBLPROPERTIES")) {
            Name table = name();
            String key = null;
            if (acceptSymbol("(")) {
                key = string();
                expectSymbol(")");
            }
            return new ShowTableProperties(table, key);
        }
        throw mismatched(peek(), "'COLUMNS'", "'CREATE'", "'DATABASES'", "'PARTITIONS'", "'SCHEMAS'", "'TABLES'",
                "'TBLPROPERTIES'", "'VIEWS'");
    }

    private DdlStatement describe() {
        boolean formatted = accept("FORMATTED");
        boolean extended = !formatted && accept("EXTENDED");
        if (peek().isWord("VIEW") && tokens.get(index + 1).kind() != Token.Kind.EOF) {
            next();
        }
        Name table = name();
        PartitionSpec partition = peek().isWord("PARTITION") && tokens.get(index + 1).isSymbol("(")
                ? partitionSpec(false) : null;
        String column = null;
        if (peek().kind() == Token.Kind.WORD || peek().kind() == Token.Kind.QUOTED) {
            column = identifier();
        }
        return new Describe(table, formatted, extended, partition, column);
    }

    private DdlStatement insert() {
        expect("INTO");
        accept("TABLE");
        Name table = name();
        List<String> columns = List.of();
        if (peek().isSymbol("(") && !isQueryStart(tokens.get(index + 1))) {
            columns = identifierList();
        }
        Token start = peek();
        if (start.kind() == Token.Kind.EOF) {
            throw mismatched(start, "'SELECT'", "'TABLE'", "'VALUES'", "'WITH'", "'('");
        }
        return new Insert(table, columns, restFrom(start));
    }

    private static boolean isQueryStart(Token t) {
        return t.isWord("SELECT") || t.isWord("WITH") || t.isWord("VALUES") || t.isWord("TABLE") || t.isSymbol("(");
    }

    // Pieces.

    /** A column list {@code (name type [COMMENT '...'], ...)}. */
    private List<Column> columns() {
        expectSymbol("(");
        List<Column> columns = new ArrayList<>();
        do {
            String name = identifier();
            String type = type();
            String comment = null;
            if (accept("COMMENT")) {
                comment = string();
            }
            columns.add(new Column(name, type, comment));
        } while (acceptSymbol(","));
        expectSymbol(")");
        return columns;
    }

    /** A Hive type, normalised as the metastore stores it: lower case, no spaces. */
    private String type() {
        Token t = next();
        if (t.kind() != Token.Kind.WORD) {
            throw mismatched(t, "<type>");
        }
        String base = t.text().toLowerCase(Locale.ROOT);
        switch (base) {
            case "array" -> {
                expectSymbol("<");
                String element = type();
                expectSymbol(">");
                return "array<" + element + ">";
            }
            case "map" -> {
                expectSymbol("<");
                String key = type();
                expectSymbol(",");
                String value = type();
                expectSymbol(">");
                return "map<" + key + "," + value + ">";
            }
            case "struct" -> {
                expectSymbol("<");
                StringBuilder out = new StringBuilder("struct<");
                do {
                    if (out.length() > 7) {
                        out.append(',');
                    }
                    out.append(identifier());
                    expectSymbol(":");
                    out.append(':').append(type());
                    if (accept("COMMENT")) {
                        string();
                    }
                } while (acceptSymbol(","));
                expectSymbol(">");
                return out.append('>').toString();
            }
            case "decimal", "numeric" -> {
                if (acceptSymbol("(")) {
                    int precision = number();
                    int scale = acceptSymbol(",") ? number() : 0;
                    expectSymbol(")");
                    return "decimal(" + precision + "," + scale + ")";
                }
                return "decimal(10,0)";
            }
            case "char", "varchar" -> {
                expectSymbol("(");
                int length = number();
                expectSymbol(")");
                return base + "(" + length + ")";
            }
            case "integer" -> {
                return "int";
            }
            case "double" -> {
                accept("PRECISION");
                return "double";
            }
            case "string", "int", "bigint", "smallint", "tinyint", "boolean", "float", "date", "timestamp",
                    "binary" -> {
                return base;
            }
            default -> throw DdlErrors.syntax(t, "Unknown type: '" + t.text() + "'");
        }
    }

}
