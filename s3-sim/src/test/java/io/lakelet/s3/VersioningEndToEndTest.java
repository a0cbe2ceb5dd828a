package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket versioning: versions kept, delete markers, reads and deletes by version id, ListObjectVersions. */
class VersioningEndToEndTest {
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

    private static String versionedBucket() {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    private static void enable(String bucket, BucketVersioningStatus status) {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(status)));
    }

    @Test
    void overwritesKeepOlderVersionsReadableById() {
        // given
        String bucket = versionedBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("before versioning"));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
        enable(bucket, BucketVersioningStatus.ENABLED);
        // when
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
        // then
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(v1).isNotNull().isNotEqualTo(v2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(v1)).asUtf8String()).isEqualTo("one");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("null")).asUtf8String())
                .isEqualTo("before versioning");
        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1, "null");
        assertThat(listed.versions()).extracting(ObjectVersion::isLatest).containsExactly(true, false, false);
    }

    @Test
    void aDeleteWithoutVersionAddsADeleteMarkerThatCanBeRemoved() {
        // given
        String bucket = versionedBucket();
        enable(bucket, BucketVersioningStatus.ENABLED);
        String v1 = s3.putObject(b -> b.bucket(bucket).key("d"), RequestBody.fromString("data")).versionId();
        // when
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("d"));
        // then
        assertThat(marker.deleteMarker()).isTrue();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("d"))).isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(listed.deleteMarkers()).singleElement().satisfies(m -> {
            assertThat(m.versionId()).isEqualTo(marker.versionId());
            assertThat(m.isLatest()).isTrue();
        });
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
        // removing the marker brings the object back
        s3.deleteObject(b -> b.bucket(bucket).key("d").versionId(marker.versionId()));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("d")).asUtf8String()).isEqualTo("data");
        // removing the last version removes the object
        s3.deleteObject(b -> b.bucket(bucket).key("d").versionId(v1));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void suspendedVersioningOverwritesTheNullVersion() {
        String bucket = versionedBucket();
        enable(bucket, BucketVersioningStatus.ENABLED);
        String kept = s3.putObject(b -> b.bucket(bucket).key("s"), RequestBody.fromString("kept")).versionId();
        enable(bucket, BucketVersioningStatus.SUSPENDED);
        assertThat(s3.putObject(b -> b.bucket(bucket).key("s"), RequestBody.fromString("n1")).versionId()).isEqualTo("null");
        s3.putObject(b -> b.bucket(bucket).key("s"), RequestBody.fromString("n2"));
        List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket(bucket)).versions();
        assertThat(versions).extracting(ObjectVersion::versionId).containsExactly("null", kept);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("s")).asUtf8String()).isEqualTo("n2");
    }

    @Test
    void versionListingsPage() {
        String bucket = versionedBucket();
        enable(bucket, BucketVersioningStatus.ENABLED);
        for (int i = 0; i < 3; i++) {
            s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a"));
            s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("b"));
        }
        List<ObjectVersion> all = s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(2)).versions().stream().toList();
        assertThat(all).hasSize(6);
        assertThat(all).extracting(ObjectVersion::key).containsExactly("a", "a", "a", "b", "b", "b");
        assertThat(all.stream().map(ObjectVersion::versionId).distinct()).hasSize(6);
    }
}
