package io.lakelet.glue.crawler;

import io.lakelet.glue.classifier.FileSchema;

/**
 * One object a crawl classified: its key, its key relative to the include path, and its schema.
 */
public record CrawledFile(String bucket, String key, String relative, long size, FileSchema schema) {

    /** The folders between the include path and the file. */
    public String[] folders() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? new String[0] : relative.substring(0, slash).split("/");
    }

    public String name() {
        int slash = relative.lastIndexOf('/');
        return relative.substring(slash + 1);
    }
}
