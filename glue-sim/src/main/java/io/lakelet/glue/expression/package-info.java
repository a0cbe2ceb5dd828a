/**
 * The GetPartitions {@code Expression} language: a lexer, a recursive-descent parser that binds names to
 * partition keys and literals to the keys' types, and an evaluator over partition values.
 *
 * <p>Where it knowingly differs from AWS: Glue parses with JSQLParser and its wording for a syntax error
 * varies with the error; Lakelet answers every unparsable expression with
 * {@code Unsupported expression '<expression>'}. A column that is not a partition key is refused with
 * {@code Invalid partition expression!}, as Glue words it today. LIKE has no ESCAPE clause. Literals may stand on the right of an
 * operator only ({@code year = 2024}, not {@code 2024 = year}).
 */
package io.lakelet.glue.expression;
