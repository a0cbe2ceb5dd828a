package io.lakelet.glue;

import io.lakelet.core.testing.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** A Lakelet server running only Glue, with a real sync and async Glue client pointed at it. */
final class GlueServer implements AutoCloseable {
    final TestServer server;
    final GlueModule module;
    final GlueClient glue;
    final GlueAsyncClient async;

    private GlueServer(TestServer server, GlueModule module) {
        this.server = server;
        this.module = module;
        this.glue = GlueClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        this.async = GlueAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create()).build();
    }

    static GlueServer start(Map<String, String> settings) {
        GlueModule module = new GlueModule();
        return new GlueServer(TestServer.start(TestServer.config(settings), Clock.systemUTC(), List.of(module)),
                module);
    }

    static GlueServer start() {
        return start(Map.of());
    }

    /** Clears all state between tests. */
    void reset() {
        server.server().reset();
    }

    @Override
    public void close() {
        glue.close();
        async.close();
        server.close();
    }

    // Fixtures.

    static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    /** A CSV table over S3 partitioned by the given keys. */
    static TableInput csvTable(String name, List<Column> partitionKeys) {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .partitionKeys(partitionKeys)
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(column("id", "bigint"), column("name", "string"))
                        .location("s3://lake/" + name + "/")
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                        .serdeInfo(SerDeInfo.builder()
                                .serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                                .parameters(Map.of("field.delim", ","))
                                .build())
                        .build())
                .build();
    }
}
