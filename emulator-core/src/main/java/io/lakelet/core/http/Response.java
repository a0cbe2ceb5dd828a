package io.lakelet.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete response: status, headers and a body held in memory. Large or unbounded bodies (S3 objects,
 * event streams) go through {@link Exchange#stream} instead.
 */
public final class Response {
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final int offset;
    private final int length;

    private Response(int status, List<Map.Entry<String, String>> headers, byte[] body, int offset, int length) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.offset = offset;
        this.length = length;
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    public int status() {
        return status;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of a header, case-insensitive, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    public byte[] body() {
        return body;
    }

    public int bodyOffset() {
        return offset;
    }

    public int bodyLength() {
        return length;
    }

    /** Builds a response. */
    public static final class Builder {
        private final int status;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>(6);
        private byte[] body = new byte[0];
        private int offset;
        private int length;
        private boolean lengthOverride;
        private long declaredLength;

        private Builder(int status) {
            this.status = status;
        }

        public Builder header(String name, String value) {
            if (value != null) {
                headers.add(Map.entry(name, value));
            }
            return this;
        }

        public Builder body(byte[] bytes) {
            return body(bytes, 0, bytes.length);
        }

        public Builder body(byte[] bytes, int offset, int length) {
            this.body = bytes;
            this.offset = offset;
            this.length = length;
            return this;
        }

        public Builder body(String text, String contentType) {
            header("Content-Type", contentType);
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Declares a Content-Length without sending a body, for HEAD responses and 304s that describe a
         * representation they do not carry.
         */
        public Builder declaredLength(long length) {
            this.lengthOverride = true;
            this.declaredLength = length;
            return this;
        }

        public Response build() {
            if (lengthOverride) {
                header("Content-Length", Long.toString(declaredLength));
            }
            return new Response(status, List.copyOf(headers), body, offset, length);
        }
    }
}
