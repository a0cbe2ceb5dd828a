package io.lakelet.sql.ddl;

import java.util.Locale;

/**
 * One lexical token of a statement: its kind, its text (for strings and quoted identifiers, the value
 * with quotes and escapes removed), where it starts in the statement ({@code offset}) and its position as
 * Trino reports it ({@code line}:{@code column}, both from 1).
 */
record Token(Kind kind, String text, int offset, int end, int line, int column) {

    enum Kind {
        /** A bare word: a keyword or an unquoted identifier. */
        WORD,
        /** An identifier in backticks or double quotes. */
        QUOTED,
        /** A string literal in single quotes. */
        STRING,
        NUMBER,
        /** Punctuation: ( ) , . = ; < > : [ ] and others, one character each. */
        SYMBOL,
        EOF
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The token as Trino quotes it in "mismatched input" messages. */
    String display() {
        return switch (kind) {
            case EOF -> "<EOF>";
            case STRING -> "'" + text + "'";
            case QUOTED -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
