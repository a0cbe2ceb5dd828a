/**
 * Where S3 state lives in RocksDB: buckets ({@code s3.buckets}), the current object of each key
 * ({@code s3.objects}), multipart uploads and parts ({@code s3.uploads}, {@code s3.parts}), and object
 * bytes in 1 MiB chunks in a BlobDB keyspace ({@code s3.chunks.blobs}).
 *
 * <p>Writes never expose half an object: chunks are written first under a fresh data id marked pending
 * ({@code s3.pending}); one batch then stores the metadata, clears the pending mark and deletes the chunks of
 * the version it replaces. Pending data left by a crash is deleted at start. Readers scan chunks through
 * RocksDB iterators opened when the read starts, so an overwrite during a download does not tear it; an
 * object of one chunk is read whole, with a point read, when the read starts. Bucket and object records are
 * JSON; the records a GET reads are remembered by their stored bytes ({@code Json.readMemo}), so a repeated
 * read of an unchanged record skips the decoding.
 *
 * <p>Differences from AWS: bucket names are one namespace for the whole emulator (as in AWS) but stored
 * without a region prefix; versions other than the current one are not kept by this package.
 */
package io.lakelet.s3.store;
