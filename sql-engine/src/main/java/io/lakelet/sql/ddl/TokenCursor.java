package io.lakelet.sql.ddl;

import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.ddl.DdlStatement.Name;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tokens of one statement and a position in them, with the small steps every rule of
 * {@link DdlParser} is made of: look, accept, expect, and read names, strings, numbers and property lists.
 * A step that finds something else fails as Trino's parser does: {@code line 1:8: mismatched input 'X'.
 * Expecting: ...}.
 */
abstract class TokenCursor {
    final String sql;
    final List<Token> tokens;
    int index;

    TokenCursor(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    Map<String, String> properties() {
        expectSymbol("(");
        Map<String, String> properties = new LinkedHashMap<>();
        if (!peek().isSymbol(")")) {
            do {
                String key = string();
                expectSymbol("=");
                properties.put(key, string());
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        return properties;
    }

    List<String> identifierList() {
        expectSymbol("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return names;
    }

    /**
     * A table, view or database name, {@code [db.]name}, or {@code catalog.db.name} as Trino statements
     * write it (only the data catalog, {@code awsdatacatalog}, is known here).
     */
    Name name() {
        Token at = peek();
        String first = objectName();
        if (!acceptSymbol(".")) {
            return new Name(null, first, at);
        }
        String second = objectName();
        if (!acceptSymbol(".")) {
            return new Name(first, second, at);
        }
        if (!first.equals("awsdatacatalog")) {
            throw DdlErrors.trino("CATALOG_NOT_FOUND", at, "Catalog '" + first + "' does not exist");
        }
        return new Name(second, objectName(), at);
    }

    /**
     * An object name; unquoted, it may contain hyphens written without spaces ({@code my-db-01}), which
     * Athena accepts from JDBC clients.
     */
    String objectName() {
        Token first = peek();
        StringBuilder name = new StringBuilder(identifier());
        if (first.kind() == Token.Kind.WORD) {
            Token last = first;
            while (peek().isSymbol("-") && peek().offset() == last.end()) {
                Token dash = next();
                Token part = peek();
                if (part.offset() != dash.end()
                        || (part.kind() != Token.Kind.WORD && part.kind() != Token.Kind.NUMBER)) {
                    throw mismatched(part, "<identifier>");
                }
                name.append('-').append(next().text().toLowerCase(Locale.ROOT));
                last = part;
            }
        }
        return name.toString();
    }

    String identifier() {
        Token t = next();
        if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED) {
            return t.text().toLowerCase(Locale.ROOT);
        }
        throw mismatched(t, "<identifier>");
    }

    String string() {
        Token t = next();
        if (t.kind() != Token.Kind.STRING) {
            throw mismatched(t, "<string>");
        }
        return t.text();
    }

    int number() {
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER) {
            throw mismatched(t, "<integer>");
        }
        return Integer.parseInt(t.text());
    }

    boolean ifNotExists() {
        if (accept("IF")) {
            expect("NOT");
            expect("EXISTS");
            return true;
        }
        return false;
    }

    boolean ifExists() {
        if (accept("IF")) {
            expect("EXISTS");
            return true;
        }
        return false;
    }

    /** The statement's text after {@code token}, as written. */
    String rest(Token token) {
        index = tokens.size() - 1;
        String text = sql.substring(token.end()).strip();
        if (text.isEmpty()) {
            throw mismatched(tokens.get(index), "'SELECT'", "'TABLE'", "'VALUES'", "'WITH'", "'('");
        }
        return text;
    }

    String restFrom(Token token) {
        index = tokens.size() - 1;
        return sql.substring(token.offset()).strip();
    }

    Token peek() {
        return tokens.get(index);
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.EOF) {
            index++;
        }
        return t;
    }

    boolean accept(String word) {
        if (peek().isWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    Token expect(String word) {
        Token t = peek();
        if (!t.isWord(word)) {
            throw mismatched(t, "'" + word + "'");
        }
        index++;
        return t;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    void expectSymbol(String symbol) {
        Token t = peek();
        if (!t.isSymbol(symbol)) {
            throw mismatched(t, "'" + symbol + "'");
        }
        index++;
    }

    static SqlFailure mismatched(Token t, String... expected) {
        return DdlErrors.syntax(t, "mismatched input " + t.display() + ". Expecting: " + String.join(", ", expected));
    }
}
