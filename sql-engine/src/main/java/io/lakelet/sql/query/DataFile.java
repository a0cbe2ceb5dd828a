package io.lakelet.sql.query;

import java.util.List;

/**
 * One object a scan reads: where it is, its size, and the values of the partition it belongs to (in
 * Calcite's internal form, one per partition key).
 */
record DataFile(String bucket, String key, long size, List<Object> partitionValues) {

    String path() {
        return "s3://" + bucket + "/" + key;
    }
}
