package io.lakelet.glue.classifier;

/** One inferred column: its name as Glue stores it (lower case) and its type. */
public record Column(String name, HiveType type) {
}
