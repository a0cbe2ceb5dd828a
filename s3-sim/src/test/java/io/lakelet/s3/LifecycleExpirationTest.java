package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.MutableClock;
import io.lakelet.core.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lifecycle expiration rules run by the server's clock. */
class LifecycleExpirationTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start(Map.of(S3Module.LIFECYCLE_INTERVAL_MS, "20"), CLOCK);
        s3 = S3TestSupport.pathStyle(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void objectsUnderAnExpiringPrefixGoAfterTheirDaysAndOthersStay() {
        // given
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("tmp/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("keep/b"), RequestBody.fromString("b"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("tmp/mp")).uploadId();
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l.rules(r -> r.id("tmp")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/")).expiration(e -> e.days(1))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)))));
        // when one day has passed, the object is not yet due (S3 rounds up to the next midnight)
        CLOCK.advance(Duration.ofHours(24));
        assertThat(eventually(() -> !keys(bucket).contains("tmp/a"), Duration.ofMillis(300))).isFalse();
        // and once the next midnight has passed too
        CLOCK.advance(Duration.ofHours(13));
        // then
        assertThat(eventually(() -> !keys(bucket).contains("tmp/a"), Duration.ofSeconds(10))).isTrue();
        assertThat(keys(bucket)).containsExactly("keep/b");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).extracting(u -> u.uploadId())
                .containsExactly(uploadId);
        CLOCK.advance(Duration.ofDays(1));
        assertThat(eventually(() -> s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty(),
                Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void tagAndSizeFiltersChooseWhatExpires() {
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("logs/small-tagged").tagging("class=scratch"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(bucket).key("logs/big-tagged").tagging("class=scratch"),
                RequestBody.fromString("y".repeat(2048)));
        s3.putObject(b -> b.bucket(bucket).key("logs/small-untagged"), RequestBody.fromString("z"));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l.rules(r -> r.id("scratch")
                .status(ExpirationStatus.ENABLED)
                .filter(f -> f.and(a -> a.prefix("logs/").tags(t -> t.key("class").value("scratch"))
                        .objectSizeLessThan(1024L)))
                .expiration(e -> e.days(1)))));
        CLOCK.advance(Duration.ofDays(2));
        assertThat(eventually(() -> !keys(bucket).contains("logs/small-tagged"), Duration.ofSeconds(10))).isTrue();
        assertThat(keys(bucket)).containsExactly("logs/big-tagged", "logs/small-untagged");
    }

    @Test
    void noncurrentVersionsExpireAfterTheirDaysKeepingTheNewestOnes() {
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        for (int i = 0; i < 4; i++) {
            int n = i;
            s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("v" + n));
        }
        s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("g"));
        s3.deleteObject(b -> b.bucket(bucket).key("gone"));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l.rules(
                r -> r.id("docs").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("doc"))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1).newerNoncurrentVersions(1)),
                r -> r.id("markers").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("gone"))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1))
                        .expiration(e -> e.expiredObjectDeleteMarker(true)))));
        CLOCK.advance(Duration.ofDays(2));
        assertThat(eventually(() -> versions(bucket, "doc") == 2 && versions(bucket, "gone") == 0,
                Duration.ofSeconds(10))).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("v3");
    }

    @Test
    void transitionsAreRefusedRatherThanStoredAndIgnored() {
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        software.amazon.awssdk.services.s3.model.S3Exception refused = org.assertj.core.api.Assertions
                .catchThrowableOfType(software.amazon.awssdk.services.s3.model.S3Exception.class,
                        () -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l
                                .rules(r -> r.id("archive").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                                        .transitions(t -> t.days(30).storageClass("GLACIER"))))));
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(501);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket))))
                .isNotNull();
    }

    private static int versions(String bucket, String key) {
        return (int) s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream()
                .filter(v -> v.key().equals(key)).count()
                + (int) s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).deleteMarkers().stream()
                .filter(v -> v.key().equals(key)).count();
    }

    private static java.util.List<String> keys(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static boolean eventually(BooleanSupplier condition, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return condition.getAsBoolean();
    }
}
