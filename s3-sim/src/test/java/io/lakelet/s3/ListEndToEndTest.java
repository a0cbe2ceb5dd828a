package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjectsV2 and ListObjects over a fixed set of keys. */
class ListEndToEndTest {
    private static final List<String> KEYS = List.of("a.txt", "dir/x", "dir/y", "dir/sub/z", "e f+g", "logs/2024/01",
            "logs/2024/02", "logs/2025/01", "zeta");

    private static TestServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start();
        s3 = S3TestSupport.pathStyle(server);
        bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        for (String k : KEYS) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void listsEverythingInUtf8OrderWithSizesAndEtags() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket));
        assertThat(r.contents()).extracting(S3Object::key)
                .containsExactly("a.txt", "dir/sub/z", "dir/x", "dir/y", "e f+g", "logs/2024/01", "logs/2024/02",
                        "logs/2025/01", "zeta");
        assertThat(r.keyCount()).isEqualTo(9);
        assertThat(r.isTruncated()).isFalse();
        S3Object first = r.contents().get(0);
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.eTag()).isEqualTo("\"" + S3TestSupport.md5Hex("a.txt".getBytes()) + "\"");
        assertThat(first.owner()).isNull();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).fetchOwner(true)).contents().get(0).owner()).isNotNull();
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixes() {
        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "e f+g", "zeta");
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/", "logs/");
        ListObjectsV2Response logs = s3.listObjectsV2(b -> b.bucket(bucket).prefix("logs/").delimiter("/"));
        assertThat(logs.contents()).isEmpty();
        assertThat(logs.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("logs/2024/", "logs/2025/");
    }

    @Test
    void continuationTokensPageThroughKeysAndPrefixes() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/").maxKeys(2).continuationToken(t));
            page.contents().forEach(o -> seen.add(o.key()));
            page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            assertThat(page.keyCount()).isLessThanOrEqualTo(2);
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrder("a.txt", "dir/", "e f+g", "logs/", "zeta");
    }

    @Test
    void startAfterSkipsKeysAndThePaginatorSeesAll() {
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("logs/2024/02")).contents())
                .extracting(S3Object::key).containsExactly("logs/2025/01", "zeta");
        List<String> all = s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(4)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(all).hasSize(9);
    }

    @Test
    void urlEncodingTypeEncodesKeys() throws Exception {
        HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint()
                .resolve("/" + bucket + "?list-type=2&prefix=e&encoding-type=url")).GET().build());
        assertThat(r.body()).contains("<EncodingType>url</EncodingType>").contains("<Key>e+f%2Bg</Key>");
        // the SDK asks for url encoding and decodes the keys itself
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("e")).contents()).extracting(S3Object::key)
                .containsExactly("e f+g");
    }

    @Test
    void listObjectsV1PagesWithMarkers() {
        ListObjectsResponse first = s3.listObjects(b -> b.bucket(bucket).maxKeys(3));
        assertThat(first.contents()).extracting(S3Object::key).containsExactly("a.txt", "dir/sub/z", "dir/x");
        assertThat(first.isTruncated()).isTrue();
        ListObjectsResponse second = s3.listObjects(b -> b.bucket(bucket).marker("dir/x").maxKeys(3));
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("dir/y", "e f+g", "logs/2024/01");
        ListObjectsResponse delimited = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(2));
        assertThat(delimited.nextMarker()).isEqualTo("dir/");
        assertThat(first.contents().get(0).owner()).isNotNull();
    }

    @Test
    void anInvalidMaxKeysIsInvalidArgument() throws Exception {
        HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint()
                .resolve("/" + bucket + "?list-type=2&max-keys=abc")).GET().build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidArgument</Code>");
    }
}
