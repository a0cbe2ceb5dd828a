package io.lakelet.athena.query;

import io.lakelet.core.storage.StoredSdk;
import java.util.List;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;

/**
 * What GetQueryResults answers besides the rows, kept with the execution: the column metadata and, for
 * INSERT INTO and CREATE TABLE AS, the number of rows written. Stored as Athena's own response shape.
 */
public record ResultDescriptor(List<ColumnInfo> columns, Long updateCount) {

    byte[] write() {
        return StoredSdk.write(GetQueryResultsResponse.builder().updateCount(updateCount)
                .resultSet(ResultSet.builder().resultSetMetadata(ResultSetMetadata.builder().columnInfo(columns).build())
                        .build())
                .build());
    }

    static ResultDescriptor read(byte[] bytes) {
        GetQueryResultsResponse r = StoredSdk.read(bytes, GetQueryResultsResponse.class);
        return new ResultDescriptor(r.resultSet().resultSetMetadata().columnInfo(), r.updateCount());
    }
}
