package io.lakelet.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.error.AwsException;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void rangesResolveAgainstTheObjectSize() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-1000", 100)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=50-1000", 100)).isEqualTo(new ByteRange(50, 99));
    }

    @Test
    void rangesS3IgnoresMeanTheWholeObject() {
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
        assertThat(ByteRange.parse("items=0-1", 100)).isNull();
        assertThat(ByteRange.parse("bytes=9-3", 100)).isNull();
        assertThat(ByteRange.parse("bytes=a-b", 100)).isNull();
    }

    @Test
    void rangesPastTheEndAreInvalidRange() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.status()).isEqualTo(416));
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-0", 0)).isInstanceOf(AwsException.class);
    }
}
