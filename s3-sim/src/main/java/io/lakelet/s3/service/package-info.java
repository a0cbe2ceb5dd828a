/**
 * The S3 object model without HTTP: bucket rules, atomic object writes and deletes (with ObjectCreated and
 * ObjectRemoved events on the core event bus), multipart assembly, and the core ObjectStore port that
 * other services use.
 *
 * <p>Differences from AWS: a multipart object with CRC64NVME parts gets no full-object checksum (S3
 * combines the CRCs); composite checksums are kept for the other algorithms.
 */
package io.lakelet.s3.service;
