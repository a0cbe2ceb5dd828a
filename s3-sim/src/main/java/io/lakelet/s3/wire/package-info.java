/**
 * S3's wire format: a small XML writer and reader (StAX, no DTDs), addresses from Host and path, the
 * {@code aws-chunked} decoder, upload integrity checks (Content-MD5, flexible checksums in headers or
 * trailers, {@code x-amz-content-sha256}), ranges, dates, common response headers and the {@code <Error>}
 * document.
 *
 * <p>Differences from AWS: chunk signatures and trailer signatures are read past, not verified; a
 * mismatching trailing checksum is reported as BadDigest like a mismatching checksum header.
 */
package io.lakelet.s3.wire;
