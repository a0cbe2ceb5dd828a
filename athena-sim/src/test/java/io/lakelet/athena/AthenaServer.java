package io.lakelet.athena;

import io.lakelet.core.testing.TestServer;
import io.lakelet.glue.GlueModule;
import io.lakelet.s3.S3Module;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.athena.AthenaAsyncClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Lakelet server with Athena, Glue and S3, and real Athena (sync and async), Glue and S3 clients. Results
 * go to {@code s3://results/} unless a test says otherwise.
 */
final class AthenaServer implements AutoCloseable {
    static final String RESULTS = "s3://results/athena/";
    final TestServer server;
    final AthenaClient athena;
    final AthenaAsyncClient async;
    final GlueClient glue;
    final S3Client s3;

    private AthenaServer(TestServer server) {
        this.server = server;
        this.athena = AthenaClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        this.async = AthenaAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create()).build();
        this.glue = GlueClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        this.s3 = S3Client.builder().endpointOverride(server.endpoint()).region(TestServer.REGION).forcePathStyle(true)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static AthenaServer start(Map<String, String> settings) {
        return new AthenaServer(TestServer.start(TestServer.config(settings), java.time.Clock.systemUTC(),
                List.of(new S3Module(), new GlueModule(), new AthenaModule())));
    }

    static AthenaServer start() {
        return start(Map.of());
    }

    /** Clears all state and recreates the results bucket. */
    void reset() {
        server.server().reset();
        s3.createBucket(b -> b.bucket("results"));
    }

    void put(String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    /** Starts a query in {@code database} with results under {@link #RESULTS}; returns its id. */
    String start(String database, String sql) {
        return athena.startQueryExecution(b -> b.queryString(sql)
                .queryExecutionContext(c -> c.database(database))
                .resultConfiguration(r -> r.outputLocation(RESULTS))).queryExecutionId();
    }

    /** Polls until the query is no longer QUEUED or RUNNING, as a client's waiter does. */
    QueryExecution await(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            QueryExecution q = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
            QueryExecutionState s = q.status().state();
            if (s != QueryExecutionState.QUEUED && s != QueryExecutionState.RUNNING) {
                return q;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("query " + id + " still " + s + " after 60 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Runs a statement to its end and returns the finished execution. */
    QueryExecution run(String database, String sql) {
        return await(start(database, sql));
    }

    /** Every row of a succeeded query's results, across pages, as lists of strings (null for NULL). */
    List<List<String>> rows(String id) {
        List<List<String>> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetQueryResultsResponse page = athena.getQueryResults(b -> b.queryExecutionId(id).nextToken(t));
            for (Row r : page.resultSet().rows()) {
                out.add(r.data().stream().map(d -> d.varCharValue()).toList());
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    @Override
    public void close() {
        athena.close();
        async.close();
        glue.close();
        s3.close();
        server.close();
    }
}
