package io.lakelet.s3.wire;

import io.lakelet.core.http.Request;
import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The payload of an upload as S3 checks it: {@code aws-chunked} framing removed, the MD5 (ETag) and the
 * flexible checksum computed while the bytes pass, and at the end of the stream the declared length,
 * {@code Content-MD5}, the checksum (header or trailer) and a hex {@code x-amz-content-sha256} verified. A
 * failed check is thrown from {@link #read} as S3's error, so the store discards what it wrote.
 */
public final class UploadBody extends InputStream {
    private final InputStream in;
    private final AwsChunkedInputStream chunked;
    private final long expectedLength;
    private final String contentMd5;
    private final byte[] expectedMd5;
    private final ChecksumAlgorithm algorithm;
    private final String headerChecksum;
    private final String expectedSha256;
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256;
    private final ChecksumAlgorithm.Digest checksum;
    private long count;
    private boolean finished;
    private String checksumValue;
    private String md5Hex;

    private UploadBody(Request request, ChecksumAlgorithm fallback) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        boolean isChunked = sha != null && sha.startsWith("STREAMING-")
                || encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
        this.expectedLength = isChunked ? parseLength(request.header("x-amz-decoded-content-length"))
                : request.body().declaredLength();
        this.contentMd5 = request.header("Content-MD5");
        this.expectedMd5 = contentMd5 == null ? null : decodeMd5(contentMd5);
        this.expectedSha256 = sha != null && sha.matches("[0-9a-fA-F]{64}") ? sha.toLowerCase(Locale.ROOT) : null;
        this.sha256 = expectedSha256 == null ? null : digest("SHA-256");
        ChecksumAlgorithm requested = requestedAlgorithm(request);
        this.headerChecksum = requested == null ? null : request.header(requested.header());
        if (headerChecksum != null) {
            validateEncoding(requested, headerChecksum);
        }
        this.algorithm = requested != null ? requested : fallback;
        this.checksum = algorithm == null ? null : algorithm.newDigest();
        // Taken last: a header error above leaves the body unread, for the edge to drain.
        InputStream raw = request.bodyStream();
        this.chunked = isChunked ? new AwsChunkedInputStream(raw) : null;
        this.in = isChunked ? chunked : raw;
    }

    /**
     * Opens the payload of an upload, checking its headers first. {@code fallback} is the checksum to
     * compute when the client asks for none (S3 computes CRC64NVME for new objects), or null.
     */
    public static UploadBody open(Request request, ChecksumAlgorithm fallback) {
        return new UploadBody(request, fallback);
    }

    /** The algorithm the client asked for (header, trailer or x-amz-sdk-checksum-algorithm), or null. */
    public static ChecksumAlgorithm requestedAlgorithm(Request request) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (request.header(a.header()) != null) {
                return a;
            }
        }
        String trailer = request.header("x-amz-trailer");
        if (trailer != null) {
            ChecksumAlgorithm a = ChecksumAlgorithm.ofHeader(trailer);
            if (a != null) {
                return a;
            }
        }
        String sdk = request.header("x-amz-sdk-checksum-algorithm");
        if (sdk != null) {
            ChecksumAlgorithm a = ChecksumAlgorithm.parse(sdk);
            if (a == null) {
                throw S3Errors.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of"
                        + " the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
            }
            return a;
        }
        return null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            finish();
            return -1;
        }
        md5.update(b, off, n);
        if (checksum != null) {
            checksum.update(b, off, n);
        }
        if (sha256 != null) {
            sha256.update(b, off, n);
        }
        count += n;
        if (expectedLength >= 0 && count > expectedLength) {
            throw S3Errors.incompleteBody();
        }
        return n;
    }

    private void finish() {
        finished = true;
        if (expectedLength >= 0 && count != expectedLength) {
            throw S3Errors.incompleteBody();
        }
        byte[] actualMd5 = md5.digest();
        md5Hex = HexFormat.of().formatHex(actualMd5);
        if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, actualMd5)) {
            throw S3Errors.badDigest(contentMd5, Base64.getEncoder().encodeToString(actualMd5));
        }
        if (sha256 != null) {
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(expectedSha256)) {
                throw S3Errors.contentSha256Mismatch(expectedSha256, actual);
            }
        }
        if (checksum != null) {
            checksumValue = Base64.getEncoder().encodeToString(checksum.finish());
            String expected = headerChecksum;
            if (expected == null && chunked != null) {
                expected = chunked.trailers().get(algorithm.header());
                if (expected != null) {
                    validateEncoding(algorithm, expected);
                }
            }
            if (expected != null && !expected.equals(checksumValue)) {
                throw S3Errors.badChecksum(algorithm.name());
            }
        }
    }

    /** The MD5 of the payload in hex; valid after the end of the stream. */
    public String md5Hex() {
        return md5Hex;
    }

    /** The raw MD5; valid after the end of the stream. */
    public byte[] md5Bytes() {
        return HexFormat.of().parseHex(md5Hex);
    }

    public long size() {
        return count;
    }

    /** The algorithm computed, or null. */
    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** The checksum computed (base64), or null; valid after the end of the stream. */
    public String checksumValue() {
        return checksumValue;
    }

    /** The computed checksums by algorithm name, for storing. */
    public Map<String, String> checksums() {
        Map<String, String> out = new LinkedHashMap<>();
        if (algorithm != null && checksumValue != null) {
            out.put(algorithm.name(), checksumValue);
        }
        return out;
    }

    private static void validateEncoding(ChecksumAlgorithm a, String value) {
        try {
            byte[] raw = Base64.getDecoder().decode(value.trim());
            if (raw.length != a.length()) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidRequest("Value for " + a.header() + " header is invalid.");
        }
    }

    private static byte[] decodeMd5(String value) {
        try {
            byte[] raw = Base64.getDecoder().decode(value.trim());
            if (raw.length != 16) {
                throw S3Errors.invalidDigest(value);
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidDigest(value);
        }
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Invalid x-amz-decoded-content-length", "x-amz-decoded-content-length", value);
        }
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
