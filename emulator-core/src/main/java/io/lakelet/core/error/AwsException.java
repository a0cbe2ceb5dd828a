package io.lakelet.core.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one error type of Lakelet: an AWS error code, the HTTP status it travels with, a message worded as
 * the real service words it, and whether the sender or the service is at fault. Each protocol renders it
 * the way that protocol does (JSON {@code __type}, restJson1 header, S3 {@code <Error>} XML).
 *
 * <p>It carries no stack trace: it is a normal answer to a client, not a bug in Lakelet.
 */
public class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the caller or the service is to blame; AWS calls these Sender and Receiver faults. */
    public enum Fault { SENDER, RECEIVER }

    private final String code;
    private final int status;
    private final Fault fault;
    private final Map<String, Object> fields;
    private final Map<String, String> headers;

    public AwsException(String code, int status, String message) {
        this(code, status, message, status >= 500 ? Fault.RECEIVER : Fault.SENDER, Map.of(), Map.of());
    }

    private AwsException(String code, int status, String message, Fault fault,
                         Map<String, Object> fields, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.status = status;
        this.fault = fault;
        this.fields = fields;
        this.headers = headers;
    }

    /** A 400 error with the given code: the common case for bad input. */
    public static AwsException client(String code, String message) {
        return new AwsException(code, 400, message);
    }

    /** The same error with one more member in the error body (e.g. Athena's {@code AthenaErrorCode}). */
    public AwsException withField(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new AwsException(code, status, getMessage(), fault, Map.copyOf(copy), headers);
    }

    /** The same error with one more response header (e.g. S3's {@code x-amz-delete-marker}). */
    public AwsException withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new AwsException(code, status, getMessage(), fault, fields, Map.copyOf(copy));
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Fault fault() {
        return fault;
    }

    /** Extra members of the error body beyond the code and message, in order. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Extra response headers that go with this error. */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return code + " (" + status + "): " + getMessage();
    }
}
