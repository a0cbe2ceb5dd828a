package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket operations through the real Java SDK v2 client, path style. */
class BucketEndToEndTest {
    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start();
        s3 = S3TestSupport.pathStyle(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void aCreatedBucketCanBeHeadedListedLocatedAndDeleted() {
        // given
        String name = S3TestSupport.bucketName();
        // when
        s3.createBucket(b -> b.bucket(name));
        // then
        HeadBucketResponse head = s3.headBucket(b -> b.bucket(name));
        assertThat(head.bucketRegion()).isEqualTo("us-east-1");
        assertThat(s3.listBuckets().buckets()).anySatisfy(b -> {
            assertThat(b.name()).isEqualTo(name);
            assertThat(b.creationDate()).isNotNull();
        });
        assertThat(s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString()).isEmpty();
        s3.deleteBucket(b -> b.bucket(name));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(name))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void aBucketWithALocationConstraintReportsItsRegionAndCannotBeCreatedTwice() {
        try (S3Client eu = S3TestSupport.pathStyle(server, Region.EU_WEST_1)) {
            // given
            String name = S3TestSupport.bucketName();
            eu.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
            // when / then
            assertThat(eu.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString()).isEqualTo("eu-west-1");
            assertThatThrownBy(() -> eu.createBucket(b -> b.bucket(name)
                    .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
                    });
        }
    }

    @Test
    void recreatingAnOwnedBucketInUsEast1SucceedsAsInS3() {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        s3.createBucket(b -> b.bucket(name));
        assertThat(s3.headBucket(b -> b.bucket(name)).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void namesThatBreakS3NamingRulesAreInvalidBucketName() throws Exception {
        // The SDK refuses some of these itself, so they go over plain HTTP as other clients would send them.
        for (String bad : new String[] {"ab", "Upper-Case", "double..dot", "192.168.5.4", "-leading", "trailing-",
                "xn--punycode", "a".repeat(64), "under_score", "dot.-dash"}) {
            HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bad))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("<Code>InvalidBucketName</Code>")
                    .contains("<Message>The specified bucket is not valid.</Message>");
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bad));
        }
    }

    @Test
    void aBucketWithObjectsIsNotEmptyAndStays() {
        // given
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
        // when / then
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(name)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
                });
        assertThat(s3.headBucket(b -> b.bucket(name)).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void aNameOwnedByAnotherAccountIsBucketAlreadyExists() {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        try (S3Client other = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(server.endpoint())
                .region(TestServer.REGION).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("111111111111", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> other.createBucket(b -> b.bucket(name))).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(409);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists");
            });
            assertThat(other.listBuckets().buckets()).noneMatch(b -> b.name().equals(name));
        }
    }

    @Test
    void aclsReportTheOwnerWithFullControl() {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        s3.putObject(b -> b.bucket(name).key("o"), RequestBody.fromString("x"));
        assertThat(s3.getBucketAcl(b -> b.bucket(name)).grants()).singleElement()
                .satisfies(g -> assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL"));
        assertThat(s3.getObjectAcl(b -> b.bucket(name).key("o")).owner().id()).hasSize(64);
        s3.putBucketAcl(b -> b.bucket(name).acl(software.amazon.awssdk.services.s3.model.BucketCannedACL.PRIVATE));
        assertThatThrownBy(() -> s3.putBucketAcl(b -> b.bucket(name)
                .acl(software.amazon.awssdk.services.s3.model.BucketCannedACL.PUBLIC_READ)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
    }

    @Test
    void errorsAreS3XmlWithRequestIds() throws Exception {
        HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(
                server.endpoint().resolve("/no-such-bucket-here?list-type=2")).GET().build());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
        assertThat(r.headers().firstValue("x-amz-id-2")).isPresent();
        assertThat(r.body()).contains("<Error><Code>NoSuchBucket</Code>")
                .contains("<Message>The specified bucket does not exist</Message>")
                .contains("<BucketName>no-such-bucket-here</BucketName>")
                .contains("<Resource>/no-such-bucket-here</Resource>")
                .contains("<RequestId>" + r.headers().firstValue("x-amz-request-id").orElseThrow() + "</RequestId>");
    }
}
