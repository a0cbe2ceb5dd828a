package io.lakelet.core.protocol.shape;

/** The wire formats of a timestamp; each protocol and location has its own default. */
public enum TimestampFormat {
    /** Seconds since the epoch, with a fraction: JSON bodies. */
    EPOCH_SECONDS,
    /** Milliseconds since the epoch: Kinesis CBOR bodies. */
    EPOCH_MILLIS,
    /** {@code 2024-01-02T03:04:05Z}: query strings, XML bodies. */
    DATE_TIME,
    /** {@code Tue, 02 Jan 2024 03:04:05 GMT}: headers. */
    HTTP_DATE
}
