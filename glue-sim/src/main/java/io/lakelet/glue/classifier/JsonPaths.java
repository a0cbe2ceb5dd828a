package io.lakelet.glue.classifier;

/** The JsonPath subset custom JSON classifiers accept: {@code $}, {@code .name}, {@code ['name']}, {@code [*]}. */
public final class JsonPaths {
    private JsonPaths() {
    }

    public static boolean valid(String path) {
        return JsonSchemaReader.steps(path) != null;
    }
}
