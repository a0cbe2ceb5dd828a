/**
 * DynamoDB's expression languages: condition, filter and key-condition expressions, update expressions
 * and projection expressions, parsed into small records and evaluated against items; the legacy
 * {@code Expected} / {@code AttributeUpdates} / {@code *Filter} parameters are translated into the same
 * records.
 *
 * <p>Where it knowingly differs from AWS: reserved words (DynamoDB refuses about 570 of them as bare
 * attribute names) are accepted; the {@code near:} part of a syntax error names the tokens around the
 * error rather than DynamoDB's exact excerpt; nesting depth and expression length limits are not enforced.
 */
package io.lakelet.dynamodb.expressions;
