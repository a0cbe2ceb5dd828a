package io.lakelet.s3.store;

/** A run of chunks written under one data id: a whole single-part object or one part of a multipart one. */
public record Segment(String dataId, long size) {
}
