package io.lakelet.s3.wire;

import io.lakelet.s3.error.S3Errors;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body: {@code hex-size[;chunk-signature=...]\r\n data \r\n} repeated, a
 * zero-size chunk, then optional trailing headers ({@code x-amz-checksum-crc32:...}) and an empty line.
 * Chunk signatures are not verified (Lakelet does not verify signatures). The trailers are available
 * once the stream has returned -1.
 */
public final class AwsChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private long remainingInChunk;
    private boolean done;

    public AwsChunkedInputStream(InputStream raw) {
        this.in = new BufferedInputStream(raw, 64 * 1024);
    }

    /** Trailing headers by lower-case name; complete only after the end of the stream. */
    public Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (remainingInChunk == 0) {
            remainingInChunk = nextChunkSize();
            if (remainingInChunk == 0) {
                readTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remainingInChunk));
        if (n < 0) {
            throw S3Errors.incompleteBody();
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            String end = readLine();
            if (!end.isEmpty()) {
                throw S3Errors.incompleteBody();
            }
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = readLine();
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new NumberFormatException(hex);
            }
            return size;
        } catch (NumberFormatException e) {
            throw S3Errors.incompleteBody();
        }
    }

    private void readTrailers() throws IOException {
        while (true) {
            String line = readLineOrEnd();
            if (line == null || line.isEmpty()) {
                return;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private String readLine() throws IOException {
        String line = readLineOrEnd();
        if (line == null) {
            throw S3Errors.incompleteBody();
        }
        return line;
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private String readLineOrEnd() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() >= MAX_LINE) {
                throw S3Errors.incompleteBody();
            }
            line.write(c);
        }
    }
}
