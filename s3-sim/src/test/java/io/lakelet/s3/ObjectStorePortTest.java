package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.events.ObjectEvent;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The ObjectStore port other services use, and the object events S3 publishes. */
class ObjectStorePortTest {
    private static final String ACCOUNT = "000000000000";
    private static TestServer server;
    private static S3Client s3;
    private static ContextProbe probe;
    private static ObjectStore store;

    @BeforeAll
    static void start() {
        probe = new ContextProbe();
        server = S3TestSupport.start(Map.of(), Clock.systemUTC(), probe);
        s3 = S3TestSupport.pathStyle(server);
        store = probe.context.ports().require(ObjectStore.class);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void objectsWrittenThroughThePortAreS3ObjectsAndReadInRanges() throws Exception {
        // given
        store.ensureBucket(ACCOUNT, "us-east-1", "port-bucket");
        store.ensureBucket(ACCOUNT, "us-east-1", "port-bucket");
        byte[] data = S3TestSupport.randomBytes(2 * 1024 * 1024 + 5, 4);
        // when
        ObjectStore.ObjectInfo info = store.put(ACCOUNT, "port-bucket", "tables/t/part-0.parquet",
                new ByteArrayInputStream(data), data.length, "application/octet-stream", Map.of("writer", "firehose"));
        // then
        assertThat(info.etag()).isEqualTo(S3TestSupport.md5Hex(data));
        assertThat(store.head(ACCOUNT, "port-bucket", "tables/t/part-0.parquet")).get()
                .satisfies(i -> assertThat(i.size()).isEqualTo(data.length));
        try (InputStream in = store.read(ACCOUNT, "port-bucket", "tables/t/part-0.parquet", 1024 * 1024 - 3, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1024 * 1024 - 3, 1024 * 1024 + 7));
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket("port-bucket").key("tables/t/part-0.parquet")).asByteArray())
                .isEqualTo(data);
        assertThat(s3.headObject(b -> b.bucket("port-bucket").key("tables/t/part-0.parquet")).metadata())
                .containsEntry("writer", "firehose");
    }

    @Test
    void thePortListsByPrefixWithDelimiterAndPages() {
        store.ensureBucket(ACCOUNT, "us-east-1", "port-list");
        for (String k : List.of("t/a=1/f1", "t/a=1/f2", "t/a=2/f1", "t/_meta")) {
            store.put(ACCOUNT, "port-list", k, new ByteArrayInputStream(new byte[1]), 1, null, Map.of());
        }
        ObjectStore.Listing rolled = store.list(ACCOUNT, "port-list", "t/", "/", null, 100);
        assertThat(rolled.commonPrefixes()).containsExactly("t/a=1/", "t/a=2/");
        assertThat(rolled.objects()).extracting(ObjectStore.ObjectInfo::key).containsExactly("t/_meta");
        ObjectStore.Listing first = store.list(ACCOUNT, "port-list", "t/", null, null, 2);
        assertThat(first.truncated()).isTrue();
        ObjectStore.Listing rest = store.list(ACCOUNT, "port-list", "t/", null, first.nextStartAfter(), 10);
        assertThat(rest.objects()).hasSize(2);
        assertThat(rest.truncated()).isFalse();
    }

    @Test
    void aShortStreamWithADeclaredLengthStoresNothing() {
        store.ensureBucket(ACCOUNT, "us-east-1", "port-short");
        assertThatThrownBy(() -> store.put(ACCOUNT, "port-short", "k", new ByteArrayInputStream(new byte[3]), 10, null,
                Map.of())).isInstanceOf(AwsException.class);
        assertThat(store.head(ACCOUNT, "port-short", "k")).isEmpty();
        assertThatThrownBy(() -> store.put("111111111111", "port-short", "k", new ByteArrayInputStream(new byte[1]), 1,
                null, Map.of())).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void createsAndDeletesArePublishedAsObjectEvents() {
        // given
        s3.createBucket(b -> b.bucket("events-bucket"));
        // when
        s3.putObject(b -> b.bucket("events-bucket").key("e1"), RequestBody.fromString("12345"));
        s3.copyObject(b -> b.sourceBucket("events-bucket").sourceKey("e1").destinationBucket("events-bucket")
                .destinationKey("e2"));
        s3.deleteObject(b -> b.bucket("events-bucket").key("e1"));
        store.delete(ACCOUNT, "events-bucket", "e2");
        // then
        List<ObjectEvent> seen = awaitEvents(() -> probe.events.stream().filter(e -> e.bucket().equals("events-bucket"))
                .toList(), 4);
        assertThat(seen).extracting(ObjectEvent::eventName).containsExactlyInAnyOrder("ObjectCreated:Put",
                "ObjectCreated:Copy", "ObjectRemoved:Delete", "ObjectRemoved:Delete");
        assertThat(seen).filteredOn(e -> e.eventName().equals("ObjectCreated:Put")).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("e1");
            assertThat(e.size()).isEqualTo(5);
            assertThat(e.etag()).isEqualTo(S3TestSupport.md5Hex("12345".getBytes()));
            assertThat(e.account()).isEqualTo(ACCOUNT);
            assertThat(e.region()).isEqualTo("us-east-1");
        });
    }

    private static List<ObjectEvent> awaitEvents(Supplier<List<ObjectEvent>> events, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<ObjectEvent> seen = events.get();
        while (seen.size() < count && Instant.now().isBefore(deadline)) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            seen = events.get();
        }
        return seen;
    }
}
