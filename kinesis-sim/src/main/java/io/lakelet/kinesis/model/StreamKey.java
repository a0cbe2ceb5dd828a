package io.lakelet.kinesis.model;

/** Where a stream lives and what it is called: streams are unique per account and region. */
public record StreamKey(String account, String region, String name) {
}
