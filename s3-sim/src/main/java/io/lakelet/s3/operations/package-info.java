/**
 * One handler per S3 operation: reads the request (headers, query, XML), calls the service layer, and
 * writes S3's response (headers, XML, streamed object bodies).
 *
 * <p>Differences from AWS: ListMultipartUploads returns every upload in one page; GetObject with
 * {@code partNumber=1} on a single-part object answers 200 with the whole object; CORS headers are added to
 * preflight answers and successful responses, not to error responses.
 */
package io.lakelet.s3.operations;
