package io.lakelet.core.spi;

/** The wire protocol families of AWS services that Lakelet speaks. */
public enum Protocol {
    /** POST / with {@code X-Amz-Target}; JSON bodies (and CBOR for Kinesis). */
    AWS_JSON_1_1,
    /** REST routes (method + URI template) with JSON bodies. */
    REST_JSON_1,
    /** REST routes with XML bodies (S3). */
    REST_XML,
    /** POST / with a form-encoded {@code Action=...} body, XML responses (CloudWatch). */
    AWS_QUERY
}
