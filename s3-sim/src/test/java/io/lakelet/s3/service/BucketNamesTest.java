package io.lakelet.s3.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketNamesTest {

    @Test
    void namesWithinTheRulesAreValid() {
        for (String ok : new String[] {"abc", "my-bucket", "my.bucket.name", "a1-b2.c3", "a".repeat(63), "1bucket"}) {
            assertThat(BucketNames.valid(ok)).as(ok).isTrue();
        }
    }

    @Test
    void namesOutsideTheRulesAreInvalid() {
        for (String bad : new String[] {"ab", "a".repeat(64), "Bucket", "my_bucket", "a..b", "a.-b", "a-.b", "-ab", "ab-",
                ".ab", "10.0.0.1", "xn--abc", "sthree-abc", "amzn-s3-demo-x", "abc-s3alias", "abc--ol-s3", "abc.mrap",
                "abc--x-s3", "a b c"}) {
            assertThat(BucketNames.valid(bad)).as(bad).isFalse();
        }
    }
}
