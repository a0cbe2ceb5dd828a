package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.http.Request;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies that SDKs compress ({@code Content-Encoding: gzip}, sent for operations with the Smithy
 * {@code requestCompression} trait such as CloudWatch PutMetricData), read decompressed and bounded, so a
 * small compressed body cannot expand without limit.
 */
final class CompressedBodies {
    private CompressedBodies() {
    }

    /** The body of {@code request}, gunzipped when it says it is gzip; reading beyond {@code max} bytes fails. */
    static InputStream open(Request request, long max) throws IOException {
        if (!isCompressed(request)) {
            return request.bodyStream();
        }
        try {
            return new Bounded(new GZIPInputStream(request.bodyStream()), max);
        } catch (java.util.zip.ZipException e) {
            throw notGzip(e);
        }
    }

    /** Whether the body of {@code request} is gzip, to be read through {@link #open}. */
    static boolean isCompressed(Request request) {
        String encoding = request.header("Content-Encoding");
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    }

    static AwsException notGzip(IOException e) {
        return AwsException.client("SerializationException", "The request body is not valid gzip: " + e.getMessage());
    }

    /** Fails once more than {@code max} bytes were read. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = guard(() -> super.read());
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = guard(() -> super.read(buf, off, len));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw CommonErrors.payloadTooLarge(max);
            }
        }

        private interface Read {
            int get() throws IOException;
        }

        private static int guard(Read r) throws IOException {
            try {
                return r.get();
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw notGzip(e);
            }
        }
    }
}
