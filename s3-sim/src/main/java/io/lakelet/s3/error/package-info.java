/**
 * S3's error vocabulary: codes, HTTP statuses and messages as S3 sends them, built as core
 * {@link io.lakelet.core.error.AwsException}s and rendered as {@code <Error>} XML by the wire layer.
 */
package io.lakelet.s3.error;
