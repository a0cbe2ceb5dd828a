package io.lakelet.core.protocol.shape;

/** The kinds of value that AWS protocols carry (the Smithy simple and aggregate types). */
public enum ShapeKind {
    STRING, BOOLEAN, BYTE, SHORT, INTEGER, LONG, FLOAT, DOUBLE, BIG_DECIMAL, BIG_INTEGER, TIMESTAMP, BLOB,
    LIST, MAP, STRUCTURE, DOCUMENT
}
