package io.lakelet.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.error.AwsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {

    private static AwsChunkedInputStream of(String body) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void signedChunksAreDecodedAndTrailersRead() throws Exception {
        AwsChunkedInputStream in = of("5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n"
                + "0;chunk-signature=ghi\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:xyz\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32", "AAAAAA==")
                .containsEntry("x-amz-trailer-signature", "xyz");
    }

    @Test
    void unsignedChunksWithoutTrailersAreDecoded() throws Exception {
        assertThat(of("3\r\nabc\r\n0\r\n\r\n").readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(of("3\r\nabc\r\n0\r\n").readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void truncatedOrMalformedFramingIsIncompleteBody() {
        assertThatThrownBy(() -> of("10\r\nabc").readAllBytes()).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
        assertThatThrownBy(() -> of("zz\r\nabc\r\n").readAllBytes()).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> of("3\r\nabcX\r\n0\r\n\r\n").readAllBytes()).isInstanceOf(AwsException.class);
    }
}
